/// Phrases for titles, summaries and descriptions, grouped by store category.
enum Prose {
    /// The Snap Store's category list.
    static let categories: [String] = [
        "art-and-design", "books-and-reference", "development", "devices-and-iot", "education", "entertainment",
        "featured", "finance", "games", "health-and-fitness", "music-and-audio", "news-and-weather",
        "personalisation", "photo-and-video", "productivity", "science", "security", "server-and-cloud", "social",
        "utilities",
    ]

    /// Categories a package's primary category is drawn from (everything but `featured`).
    static let primaryCategories: [String] = categories.filter { $0 != "featured" }

    /// Categories charms usually land in.
    static let charmCategories: [String] = [
        "server-and-cloud", "server-and-cloud", "server-and-cloud", "development", "security", "science", "devices-and-iot",
    ]

    /// SPDX licence expressions, weighted toward the common ones by repetition.
    static let licenses: [String] = [
        "GPL-3.0-only", "GPL-3.0-only", "GPL-3.0-or-later", "MIT", "MIT", "MIT", "Apache-2.0", "Apache-2.0",
        "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "MPL-2.0", "LGPL-3.0-only", "LGPL-2.1-or-later",
        "AGPL-3.0-only", "GPL-2.0-only", "GPL-2.0-or-later", "ISC", "EPL-2.0", "MIT OR Apache-2.0",
        "Apache-2.0 AND MIT", "Unlicense", "Zlib", "CC0-1.0", "Proprietary", "Proprietary", "0BSD", "BSL-1.0",
    ]

    /// Summary openers.
    static let openers: [String] = [
        "A fast", "A simple", "A lightweight", "A modern", "A privacy-friendly", "A minimal", "A cross-platform",
        "An open-source", "A friendly", "A powerful", "A keyboard-driven", "A tiny", "A beautiful", "A reliable",
        "A no-nonsense", "A scriptable",
    ]

    /// What a package is, by category: the noun phrase after a summary's opener.
    static let purposes: [String: [String]] = [
        "art-and-design": ["paint program for sketching and pixel art", "vector illustration tool", "app that turns photos into paintings", "colour palette and gradient designer"],
        "books-and-reference": ["reader for EPUB and PDF books", "dictionary that works offline", "personal wiki for your notes", "offline documentation browser"],
        "development": ["tool for working with Git repositories", "code formatter and linter for many languages", "editor with built-in language server support", "HTTP client for testing APIs", "builder for container images"],
        "devices-and-iot": ["agent for Raspberry Pi and other boards", "bridge from sensors to MQTT", "manager for Ubuntu Core devices", "serial console and firmware flasher"],
        "education": ["flashcard app for learning languages", "game that teaches kids to code", "maths practice app", "quiz maker for the classroom"],
        "entertainment": ["media centre for your library", "internet radio player", "video player for almost any format", "live TV viewer"],
        "finance": ["personal budget planner", "expense and invoice tracker", "stock portfolio tracker", "double-entry bookkeeping app"],
        "games": ["puzzle game with hundreds of levels", "arcade shooter with retro graphics", "strategy game for long evenings", "card game you can play offline"],
        "health-and-fitness": ["workout tracker", "break reminder that protects your eyes", "sleep and habit journal", "guided meditation timer"],
        "music-and-audio": ["audio recorder and mixer", "music player for large libraries", "podcast client", "synthesiser with MIDI support"],
        "news-and-weather": ["reader for RSS and Atom feeds", "local weather forecast", "news reader that reads aloud", "severe weather alert monitor"],
        "personalisation": ["wallpaper changer that follows the time of day", "icon theme", "set of desktop widgets", "font manager with live previews"],
        "photo-and-video": ["photo organiser", "video editor", "screen recorder", "RAW photo developer"],
        "productivity": ["notes and to-do app", "Kanban board", "time tracker", "distraction-free writing app"],
        "science": ["data plotting tool", "molecular viewer", "planetarium and sky chart", "circuit simulator"],
        "security": ["password manager", "network scanner", "encrypted backup tool", "two-factor code generator"],
        "server-and-cloud": ["web server", "metrics and dashboard service", "database manager", "log aggregator", "object storage server"],
        "social": ["chat client for Matrix and IRC", "client for the fediverse", "video calling app", "team messaging app"],
        "utilities": ["disk usage analyser", "clipboard history manager", "batch file renamer", "system monitor"],
    ]

    /// General sentences for a description's first paragraph.
    static let openingSentences: [String] = [
        "It starts in under a second and stays out of your way.",
        "It is built for people who like their tools quiet and predictable.",
        "Everything works offline; nothing is sent anywhere unless you ask.",
        "Settings live in a plain text file you can keep in version control.",
        "The interface follows your desktop's light and dark themes.",
        "It scales from a single laptop to a fleet of machines.",
        "The project has been developed in the open since its first release.",
        "Keyboard shortcuts cover every action, and the mouse works too.",
        "It is translated into more than thirty languages by volunteers.",
        "Large files and long histories are handled without slowing down.",
    ]

    /// Feature bullet points.
    static let features: [String] = [
        "Fast search across everything", "Dark and light themes", "Import and export in common formats",
        "Plugins written in Python or Lua", "Command-line interface for scripting", "Automatic backups",
        "End-to-end encryption", "Multiple profiles", "Undo history that survives restarts",
        "Full keyboard navigation", "Works on Wayland and X11", "HiDPI support", "Accessibility with screen readers",
        "Sync through any WebDAV server", "Tabs and split views", "Low memory use", "Drag and drop",
        "Portable configuration", "Built-in help and tutorials", "Prometheus metrics endpoint",
        "Horizontal scaling", "TLS everywhere", "Zero-downtime upgrades", "Automatic certificate renewal",
        "Backups to S3-compatible storage", "Single sign-on through OIDC", "Audit logging", "Role-based access control",
    ]

    /// Snap-specific closing sentences.
    static let snapNotes: [String] = [
        "This snap is strictly confined: connect the removable-media interface to open files on USB drives.",
        "The snap updates automatically in the background; switch to the edge channel to try new features early.",
        "Configuration is kept in $SNAP_USER_DATA and survives refreshes and reverts.",
        "If something breaks after a refresh, `snap revert` brings back the previous revision.",
    ]

    /// Charm-specific closing sentences.
    static let charmNotes: [String] = [
        "The charm handles scaling, upgrades, backups and TLS through Juju relations.",
        "Relate it to an ingress charm to expose it outside the model.",
        "Metrics, logs and alert rules integrate with the Canonical Observability Stack.",
        "Run `juju config` to see every option; defaults suit a small production deployment.",
    ]

    /// Snap interfaces (plugs) a snap may ask for.
    static let interfaces: [String] = [
        "network", "network-bind", "home", "desktop", "desktop-legacy", "wayland", "x11", "opengl", "audio-playback",
        "audio-record", "removable-media", "camera", "hardware-observe", "system-observe", "mount-observe",
        "network-manager", "bluez", "serial-port", "raw-usb", "password-manager-service", "browser-support",
        "personal-files", "system-files", "process-control", "unity7", "gsettings", "screen-inhibit-control",
    ]

    /// Interfaces that need human review when a snap first asks for them.
    static let sensitiveInterfaces: [String] = [
        "personal-files", "system-files", "snapd-control", "kernel-module-control", "docker-support", "raw-usb",
        "process-control",
    ]

    /// Charm relation endpoints.
    static let relations: [String] = [
        "database", "ingress", "metrics-endpoint", "grafana-dashboard", "logging", "certificates", "s3-parameters",
        "tracing", "replicas", "peers", "amqp", "cache", "identity", "send-remote-write", "upgrade",
    ]

    /// Reasons reviewers give for rejecting a revision.
    static let rejectionReasons: [String] = [
        "bundles a cryptocurrency miner that starts without the user's consent",
        "asks for system-files access to /etc/shadow without any justification",
        "the desktop file points to an icon that is not in the snap",
        "contains a proprietary library without redistribution rights",
        "malformed snap.yaml: plug name 'Home_Dir' is not valid",
        "classic confinement was requested but the snap is not a supported classic use case",
        "uploads the user's SSH keys to a remote server",
        "the charm's metadata.yaml declares a relation with an invalid interface name",
    ]

    /// Reviewer notes on approved revisions that went through human review.
    static let approvalNotes: [String] = [
        "classic confinement granted after forum review (store-requests #4821)",
        "personal-files access to ~/.config/app approved",
        "size increase explained by bundled language packs",
        "new interface justified in the forum thread; auto-connection not granted",
    ]
}
