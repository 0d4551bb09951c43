import PostgresNIO

/// Rows in `COPY … FROM STDIN` text format: fields separated by tabs, rows ended by newlines,
/// `\N` for NULL, and backslash, tab, newline and carriage return escaped.
struct CopyBuffer {
    private(set) var buffer: ByteBuffer
    private var fieldsInRow = 0
    /// Rows written so far.
    private(set) var rowCount = 0

    init(capacity: Int = 64 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// A text field, or NULL.
    mutating func text(_ value: String?) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        var text = Statement.storable(value)
        text.withUTF8 { bytes in
            // Most fields need no escaping: copy them whole.
            guard bytes.contains(where: Self.needsEscape) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 9: buffer.writeStaticString("\\t")
                case 10: buffer.writeStaticString("\\n")
                case 13: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// Whether `byte` must be escaped in COPY text: backslash, tab, newline, carriage return.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 9 || byte == 10 || byte == 13
    }

    /// An integer field, or NULL.
    mutating func integer(_ value: (some BinaryInteger)?) {
        guard let value else { return text(nil) }
        separate()
        buffer.writeString(String(value))
    }

    /// A boolean field.
    mutating func boolean(_ value: Bool) {
        separate()
        buffer.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// A `TIMESTAMPTZ` field, or NULL.
    mutating func timestamp(_ value: Timestamp?) {
        guard let value else { return text(nil) }
        separate()
        buffer.writeString(value.copyText)
    }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
        rowCount += 1
    }
}

extension Database {
    /// Copies `rows` into `table` (a name written by the engine, never user input).
    func copy(_ rows: CopyBuffer, into table: String, columns: [String]) async throws {
        guard rows.rowCount > 0 else { return }
        var data = rows.buffer
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            let chunk = 512 * 1024
            while data.readableBytes > 0, let slice = data.readSlice(length: min(chunk, data.readableBytes)) {
                try await writer.write(slice)
            }
        }
    }
}
