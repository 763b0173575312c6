import FluentKit

extension Database {
    /// A new table with an auto-numbered integer `id`, the shape every Tiendo table shares.
    func table(_ name: String) -> SchemaBuilder {
        schema(name).field("id", .int, .identifier(auto: true))
    }
}

extension SchemaBuilder {
    /// A text column; `required` adds NOT NULL.
    func text(_ name: String, required: Bool = true) -> SchemaBuilder {
        required ? field(.string(name), .string, .required) : field(.string(name), .string)
    }

    func integer(_ name: String, required: Bool = true) -> SchemaBuilder {
        required ? field(.string(name), .int, .required) : field(.string(name), .int)
    }
}
