(function_definition declarator: (function_declarator declarator: (_) @name) body: (compound_statement) @body) @function
(function_definition declarator: (_ (function_declarator declarator: (_) @name)) body: (compound_statement) @body) @function
(function_definition declarator: (_ (_ (function_declarator declarator: (_) @name))) body: (compound_statement) @body) @function
(class_specifier name: (_) @name body: (_)) @class
(struct_specifier name: (_) @name body: (_)) @class
(namespace_definition name: (_) @name) @class
