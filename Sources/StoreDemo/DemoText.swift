import StoreModels

/// Writes the human-facing text of generated packages: titles, summaries, descriptions, links.
enum DemoText {
    /// A title from a name's words: `json-viewer` → `JSON Viewer`; charms may gain `Charmed` and `K8s`.
    static func title(words: (String, String?), type: PackageType, isK8s: Bool, charmed: Bool) -> String {
        var title = charmed ? "Charmed " : ""
        title += titleWord(words.0)
        if let second = words.1 {
            title += " "
            title += titleWord(second)
        }
        if isK8s { title += " K8s" }
        return title
    }

    private static func titleWord(_ word: String) -> String {
        Words.acronyms.contains(word) ? word.uppercased() : DemoPublishers.capitalized(word)
    }

    /// A one-line summary (well under 128 characters).
    static func summary(title: String, category: String, type: PackageType, isK8s: Bool, rng: inout SplitMix64) -> String {
        if type == .charm {
            let platform = isK8s ? "Kubernetes" : "machines"
            switch rng.below(3) {
            case 0: return "Charm that deploys and operates \(title) on \(platform)"
            case 1: return "\(title) operator for Juju, with scaling, backups and TLS"
            default: return "Deploy \(title) on \(platform) and relate it to your observability stack"
            }
        }
        let purposes = Prose.purposes[category] ?? Prose.purposes["utilities"] ?? ["app"]
        return rng.pick(Prose.openers) + " " + rng.pick(purposes)
    }

    /// A multi-paragraph description, about 400–900 characters.
    static func description(
        name: String, title: String, summary: String, type: PackageType, isK8s: Bool, classic: Bool,
        license: String, issues: String, rng: inout SplitMix64
    ) -> String {
        var text = ""
        text.reserveCapacity(900)
        text += title
        if type == .charm {
            text += " is a Juju charm. "
            text += summary
        } else {
            text += " is "
            text += lowercasedFirst(summary)
        }
        text += ". "
        let first = rng.below(Prose.openingSentences.count)
        text += Prose.openingSentences[first]
        text += " "
        text += Prose.openingSentences[(first + 1 + rng.below(Prose.openingSentences.count - 1)) % Prose.openingSentences.count]
        text += "\n\nFeatures:\n"
        for feature in rng.sample(Prose.features, count: 3 + rng.below(3)) {
            text += "- "
            text += feature
            text += "\n"
        }
        text += "\n"
        if type == .charm {
            text += rng.pick(Prose.charmNotes)
            text += " Deploy it with `juju deploy "
            text += name
            text += isK8s ? " --trust`." : "`."
        } else {
            text += rng.pick(Prose.snapNotes)
            text += " Install it with `snap install "
            text += name
            text += classic ? " --classic`." : "`."
        }
        if rng.chance(1, in: 2) {
            text += "\n\nReport bugs at "
            text += issues
            text += ". "
            text += title
            text += " is released under "
            text += license
            text += "."
        }
        return text
    }

    /// Links to a package's website, source, issue tracker and contact.
    static func links(name: String, owner: String, rng: inout SplitMix64) -> [Package.Link] {
        let hosts = [("github.com", "github.io"), ("github.com", "github.io"), ("gitlab.com", "gitlab.io"), ("codeberg.org", "codeberg.page")]
        let host = rng.pick(hosts)
        let source = "https://" + host.0 + "/" + owner + "/" + name
        var links = [Package.Link(kind: "source", url: source), Package.Link(kind: "issues", url: source + "/issues")]
        if rng.chance(3, in: 5) {
            links.insert(Package.Link(kind: "website", url: "https://" + owner + "." + host.1 + "/" + name), at: 0)
        }
        if rng.chance(1, in: 2) {
            let contact = rng.chance(1, in: 2) ? "mailto:" + owner + "@example.com" : "https://matrix.to/#/#" + name + ":matrix.org"
            links.append(Package.Link(kind: "contact", url: contact))
        }
        return links
    }

    /// `text` with its first character in lower case, unless it starts an acronym or a name.
    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }
}
