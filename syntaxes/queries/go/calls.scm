(call_expression function: [(identifier) @call (selector_expression field: (field_identifier) @call)])
(composite_literal type: (type_identifier) @call)
