import Foundation

/// How a sketch is stored: a small header, then every register (dense) or only the set ones (sparse),
/// whichever is shorter, so a slice a few devices use takes a few bytes, not 4 KiB.
///
/// Layout: byte 0 the format (`1`), byte 1 the precision, byte 2 the encoding (`0` dense: `2^p` register
/// bytes; `1` sparse: for each set register, its index as two bytes big-endian and its rank).
extension DistinctSketch {
    /// The stored bytes.
    public var bytes: [UInt8] {
        let set = registers.lazy.filter { $0 > 0 }.count
        if set * 3 < registers.count {
            var out: [UInt8] = [1, UInt8(precision), 1]
            out.reserveCapacity(3 + set * 3)
            for (index, rank) in registers.enumerated() where rank > 0 {
                out += [UInt8(index >> 8), UInt8(index & 0xff), rank]
            }
            return out
        }
        return [1, UInt8(precision), 0] + registers
    }

    /// The stored bytes as `Data`.
    public var data: Data { Data(bytes) }

    /// A sketch read back from ``bytes``.
    /// - Throws: ``SketchFormatError`` for bytes that are not a sketch (a damaged row).
    public init(bytes: some Collection<UInt8>) throws(SketchFormatError) {
        let all = Array(bytes)
        guard all.count >= 3, all[0] == 1, (4...16).contains(Int(all[1])) else { throw SketchFormatError() }
        let precision = Int(all[1])
        let body = all[3...]
        switch all[2] {
        case 0:
            guard let sketch = DistinctSketch(precision: precision, registers: Array(body)) else { throw SketchFormatError() }
            self = sketch
        case 1:
            guard body.count % 3 == 0 else { throw SketchFormatError() }
            var sketch = DistinctSketch(precision: precision)
            var offset = body.startIndex
            while offset < body.endIndex {
                let index = Int(body[offset]) << 8 | Int(body[offset + 1])
                let rank = body[offset + 2]
                guard index < 1 << precision, Int(rank) <= 65 - precision else { throw SketchFormatError() }
                sketch.raise(register: index, to: rank)
                offset += 3
            }
            self = sketch
        default:
            throw SketchFormatError()
        }
    }
}

/// Stored sketch bytes that cannot be read (a damaged or foreign row).
public struct SketchFormatError: Error, Sendable, Equatable {
    public init() {}
}
