(function_item name: (identifier) @name body: (block) @body) @function
(impl_item type: [(type_identifier) @name (generic_type type: (type_identifier) @name) (scoped_type_identifier name: (type_identifier) @name)]) @class
(trait_item name: (type_identifier) @name) @class
(mod_item name: (identifier) @name) @class
