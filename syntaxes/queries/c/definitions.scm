(function_definition declarator: (function_declarator declarator: (_) @name) body: (compound_statement) @body) @function
(function_definition declarator: (_ (function_declarator declarator: (_) @name)) body: (compound_statement) @body) @function
(function_definition declarator: (_ (_ (function_declarator declarator: (_) @name))) body: (compound_statement) @body) @function
(struct_specifier name: (type_identifier) @name body: (_)) @class
(union_specifier name: (type_identifier) @name body: (_)) @class
