(function_declaration name: (identifier) @name body: (block) @body) @function
(method_declaration
  receiver: (parameter_list (parameter_declaration type: [(type_identifier) @scope (pointer_type (type_identifier) @scope)
                                                          (generic_type type: (type_identifier) @scope)
                                                          (pointer_type (generic_type type: (type_identifier) @scope))]))
  name: (field_identifier) @name body: (block) @body) @function
(call_expression function: (_) @anonymous arguments: (argument_list (func_literal body: (block) @body) @function))
(type_spec name: (type_identifier) @name) @class
