extension HostileStrings {
    /// Mnemonics of the 32 C0 controls, by code.
    static let c0Names: [String] = [
        "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt", "ff", "cr", "so", "si",
        "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
    ]

    /// Mnemonics of the 32 C1 controls (U+0080–U+009F), by offset.
    static let c1Names: [String] = [
        "pad", "hop", "bph", "nbh", "ind", "nel", "ssa", "esa", "hts", "htj", "vts", "pld", "plu", "ri", "ss2", "ss3",
        "dcs", "pu1", "pu2", "sts", "cch", "mw", "spa", "epa", "sos", "sgci", "sci", "csi", "st", "osc", "pm", "apc",
    ]

    /// Every C0 control, DEL and every C1 control, each between visible text.
    static let controls: [HostileString] = {
        var result: [HostileString] = []
        for code in 0..<32 {
            result.append(control(code, prefix: "c0", mnemonic: c0Names[code]))
        }
        result.append(control(0x7F, prefix: "c0", mnemonic: "del"))
        for offset in 0..<32 {
            result.append(control(0x80 + offset, prefix: "c1", mnemonic: c1Names[offset]))
        }
        result.append(HostileString(name: "nul-only", text: "\u{0}", kind: .control))
        result.append(HostileString(name: "nul-terminated", text: "hello-world\u{0}", kind: .control))
        result.append(HostileString(name: "nul-run", text: String(repeating: "\u{0}", count: 64), kind: .control))
        result.append(HostileString(name: "all-c0-in-a-row", text: String(String.UnicodeScalarView((0..<32).compactMap(Unicode.Scalar.init))), kind: .control))
        result.append(HostileString(name: "all-c1-in-a-row", text: String(String.UnicodeScalarView((0x80..<0xA0).compactMap(Unicode.Scalar.init))), kind: .control))
        result.append(HostileString(name: "bell-storm", text: "ding" + String(repeating: "\u{07}", count: 100), kind: .control))
        return result
    }()

    private static func control(_ code: Int, prefix: String, mnemonic: String) -> HostileString {
        let scalar = Unicode.Scalar(UInt32(code)).map { String(Character($0)) } ?? ""
        let hex = String(code, radix: 16)
        let padded = hex.count < 2 ? "0" + hex : hex
        return HostileString(name: "\(prefix)-\(padded)-\(mnemonic)", text: "before\(scalar)after", kind: .control)
    }
}
