(function_declaration name: (identifier) @name body: (statement_block) @body) @function
(generator_function_declaration name: (identifier) @name body: (statement_block) @body) @function
(method_definition name: (_) @name body: (statement_block) @body) @function
(variable_declarator name: (identifier) @name
  value: [(arrow_function body: (_) @body) (function_expression body: (_) @body) (generator_function body: (_) @body)]) @function
(assignment_expression left: [(identifier) @name (member_expression property: (property_identifier) @name)]
  right: [(arrow_function body: (_) @body) (function_expression body: (_) @body)]) @function
(pair key: (_) @name value: [(arrow_function body: (_) @body) (function_expression body: (_) @body)]) @function
(field_definition property: (_) @name value: [(arrow_function body: (_) @body) (function_expression body: (_) @body)]) @function
(call_expression function: (_) @anonymous
  arguments: (arguments [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] @function))
(class_declaration name: (identifier) @name) @class
(class name: (identifier) @name) @class
