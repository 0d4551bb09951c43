import StoreModels
import StoreService

/// The package detail tab: metadata, a one-line channel summary and the wrapped description.
enum DetailView {
    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        if let (message, isError) = PackageView.placeholder(package.detail, what: "package") {
            canvas.text(message, x: 2, y: body.y + 1, width: canvas.width - 4, style: isError ? theme.error : theme.dim)
            return
        }
        guard let detail = package.detail.value else { return }
        let lines = lines(detail, map: package.channelMap.value, versions: package.versions, width: canvas.width - 4, theme: theme)
        let scroll = min(package.detailScroll, max(0, lines.count - body.height))
        for (offset, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            var x = 2
            for span in line {
                x += canvas.put(span.text, x: x, y: body.y + offset, width: canvas.width - x - 1, style: span.style)
            }
        }
    }

    struct Span {
        var text: SafeText
        var style: Style
    }

    static func lines(_ detail: PackageDetail, map: ChannelMap?, versions: [Int: String], width: Int, theme: Theme) -> [[Span]] {
        let p = detail.package
        func field(_ label: String, _ value: String, style: Style? = nil) -> [Span] {
            [Span(text: SafeText(trusted: label.padding(toLength: 14, withPad: " ", startingAt: 0)), style: theme.dim),
             Span(text: SafeText(untrusted: value), style: style ?? theme.text)]
        }
        var lines: [[Span]] = []
        lines.append([Span(text: SafeText(untrusted: p.title.isEmpty ? p.name.rawValue : p.title), style: theme.title),
                      Span(text: SafeText(trusted: "  \(p.name.rawValue) · \(p.type.rawValue)"), style: theme.dim)])
        lines.append([Span(text: SafeText(untrusted: p.summary), style: theme.text)])
        lines.append([])
        var publisher = field("Publisher", "\(detail.publisher.displayName) (\(detail.publisher.username))")
        let badge = Badge.of(detail.publisher.validation)
        if !badge.isEmpty {
            publisher.append(Span(text: SafeText(trusted: " \(badge) \(detail.publisher.validation.rawValue)"),
                                  style: detail.publisher.validation == .verified ? theme.verified : theme.starred))
        }
        if case .suspended(let reason) = detail.publisher.status {
            publisher.append(Span(text: SafeText(trusted: "  suspended: "), style: theme.error))
            publisher.append(Span(text: SafeText(untrusted: reason), style: theme.error))
        }
        lines.append(publisher)
        lines.append(field("License", p.license.isEmpty ? "unset" : p.license))
        lines.append(field("Categories", p.categories.isEmpty ? "none" : p.categories.joined(separator: ", ")))
        lines.append(field("Status", p.status.rawValue + (p.isPrivate ? " · private" : "")))
        lines.append(field("Tracks", p.tracks.joined(separator: ", ") + "  (default: \(p.defaultTrack))"))
        if !detail.collaborators.isEmpty { lines.append(field("Collaborators", detail.collaborators.joined(separator: ", "))) }
        for link in p.links { lines.append(field(link.kind.capitalized, link.url, style: theme.text.adding(.underline))) }
        if let map {
            var channels: [Span] = [Span(text: SafeText(trusted: "Channels".padding(toLength: 14, withPad: " ", startingAt: 0)), style: theme.dim)]
            channels += summary(map, track: p.defaultTrack, versions: versions, theme: theme)
            lines.append(channels)
        }
        if let command = installCommand(p, map: map) {
            lines.append([Span(text: SafeText(trusted: "Install".padding(toLength: 14, withPad: " ", startingAt: 0)), style: theme.dim),
                          Span(text: SafeText(trusted: command), style: theme.key)])
        }
        lines.append([])
        for line in SafeText.wrapped(untrusted: p.description, width: max(10, width), maxLines: 2000) { lines.append([Span(text: line, style: theme.text)]) }
        return lines
    }

    /// How a device gets the package: `snap install NAME` or `juju deploy NAME`, with the default track's
    /// stable channel when that track is not `latest`; `nil` while nothing is released. The name is a valid
    /// package name, so the command is plain text.
    static func installCommand(_ package: Package, map: ChannelMap?) -> String? {
        guard let map, !map.releases.isEmpty else { return nil }
        let channel = package.defaultTrack == Channel.latestTrack ? "" : " --channel=\(package.defaultTrack)/stable"
        switch package.type {
        case .snap:
            return "snap install \(package.name.rawValue)\(channel)"
        case .charm:
            return "juju deploy \(package.name.rawValue)\(channel.replacingOccurrences(of: "--channel=", with: "--channel "))"
        default:
            return nil
        }
    }

    /// `14/stable 1.2 · candidate ↑ · beta 1.3 · edge –` for the default track on the first platform.
    static func summary(_ map: ChannelMap, track: String, versions: [Int: String], theme: Theme) -> [Span] {
        guard let platform = map.platforms.first(where: { $0.architecture == .amd64 }) ?? map.platforms.first else {
            return [Span(text: SafeText(trusted: "nothing released"), style: theme.dim)]
        }
        var spans: [Span] = []
        for risk in Risk.allCases {
            let serving = map.serving(Channel(track: track, risk: risk), on: platform)
            if !spans.isEmpty { spans.append(Span(text: SafeText(trusted: " · "), style: theme.dim)) }
            let label = risk == .stable && track != Channel.latestTrack ? "\(track)/\(risk) " : "\(risk) "
            spans.append(Span(text: SafeText(untrusted: label), style: theme.dim))
            switch serving.source {
            case .own:
                let number = serving.revision ?? serving.progressive?.revision ?? 0
                spans.append(Span(text: SafeText(untrusted: versions[number] ?? "r\(number)"), style: theme.text.adding(.bold)))
            case .following: spans.append(Span(text: SafeText(trusted: "↑"), style: theme.following))
            case .closed: spans.append(Span(text: SafeText(trusted: "–"), style: theme.following))
            }
        }
        spans.append(Span(text: SafeText(trusted: "  (\(platform))"), style: theme.dim))
        return spans
    }
}

import Foundation
