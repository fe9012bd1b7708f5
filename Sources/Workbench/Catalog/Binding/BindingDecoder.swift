import Notebook

/// Fills a ``Binding``'s ``Parameter`` properties with converted, checked values through the
/// binding's synthesised `Decodable` initialiser (the technique of swift-argument-parser).
struct BindingDecoder: Decoder {
    /// Converted values by notebook name.
    let values: [String: any Sendable]
    /// Where reads are recorded, if anywhere.
    let log: ArgumentReadLog?
    /// The property being decoded (nil for the binding or group itself).
    var key: String?

    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(values: [String: any Sendable], log: ArgumentReadLog?, key: String? = nil) {
        (self.values, self.log, self.key) = (values, log, key)
    }

    /// A Swift property name as a notebook parameter name: `batchSize` → `batch_size`.
    static func notebookName(_ property: String) -> String {
        var out = ""
        for c in property {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.unsupported(codingPath) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.unsupported(codingPath) }

    static func unsupported(_ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "a binding's stored properties must all be @Parameter or @ParameterGroup"))
    }

    /// Hands each property its own decoder; plain values are not supported.
    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: BindingDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try T(from: BindingDecoder(values: decoder.values, log: decoder.log, key: key.stringValue))
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { throw unsupported(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { throw unsupported(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw unsupported(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw unsupported(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { throw unsupported(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw unsupported(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw unsupported(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw unsupported(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw unsupported(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw unsupported(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw unsupported(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw unsupported(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw unsupported(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw unsupported(key) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw unsupported(key)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw unsupported(key) }
        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }

        func unsupported(_ key: Key) -> DecodingError { BindingDecoder.unsupported(codingPath + [key]) }
    }
}
