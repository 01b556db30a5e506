(call_expression function: [(identifier) @call (field_expression field: (field_identifier) @call)
                            (qualified_identifier name: (identifier) @call)
                            (template_function name: (identifier) @call)])
(new_expression type: (type_identifier) @call)
