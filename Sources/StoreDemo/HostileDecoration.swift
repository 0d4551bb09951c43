import StoreModels

/// Plants hostile strings in a generated package's text, keeping its name valid.
enum HostileDecoration {
    /// Hand-picked samples for the first five hostile packages, so even a small catalogue shows
    /// each family: `(title, summary, description, license, link)`.
    static let showcase: [(String, String, String, String, String)] = [
        ("csi-2j-clear-screen", "osc-52-clipboard-write", "osc-8-hyperlink-st", "c0-1b-esc", "osc-8-unclosed-link"),
        ("bidi-rlo-file-extension", "rtl-arabic", "bidi-trojan-source-comment", "bidi-202e-rlo", "rtl-hebrew"),
        ("emoji-zwj-family", "cjk-title", "cjk-wide-400", "emoji-flags", "fullwidth-latin"),
        ("combining-zalgo", "cr-overwrite", "combining-storm-500", "c0-00-nul", "long-10k-ascii"),
        ("csi-2j-clear-screen-8bit", "osc-0-title-bel-8bit", "long-10k-words", "c1-9b-csi", "utf8-raw-c1-csi-byte"),
    ]

    /// Replaces or extends `spec`'s title, summary, description, licence and links with hostile text.
    static func decorate(_ spec: inout PackageSpec, ordinal: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed, stream: DemoStream.hostile.rawValue, index: ordinal)
        let short = HostileStrings.short
        let all = HostileStrings.corpus
        let picks: (HostileString, HostileString, HostileString, HostileString, HostileString)
        let slot = ordinal < 10 ? ordinal / 2 : -1
        if slot >= 0, slot < showcase.count {
            let names = showcase[slot]
            func named(_ name: String) -> HostileString { HostileStrings.named(name) ?? short[0] }
            picks = (named(names.0), named(names.1), named(names.2), named(names.3), named(names.4))
        } else {
            picks = (rng.pick(short), rng.pick(short), rng.pick(all), rng.pick(short), rng.pick(short))
        }
        spec.title += " " + picks.0.text
        spec.summary = picks.1.text + " " + spec.summary
        spec.description += "\n\n" + picks.2.text + "\n\nSee also: " + rng.pick(short).text
        spec.license += picks.3.text
        spec.links.append(Package.Link(kind: "website", url: "https://example.com/" + picks.4.text))
        if let index = spec.links.firstIndex(where: { $0.kind == "contact" }) {
            spec.links[index].url += rng.pick(short).text
        } else {
            spec.links.append(Package.Link(kind: "contact", url: "mailto:" + rng.pick(short).text + "@example.com"))
        }
    }
}
