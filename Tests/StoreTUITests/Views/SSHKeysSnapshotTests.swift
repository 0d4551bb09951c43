import Testing
import StoreModels
@testable import StoreTUI

/// The SSH keys screen: an account's own keys at 80×24 and 50×12 in colour and without, every
/// account's for an admin at 120×40, and the add form; the hostile comment never reaches a cell raw.
@Suite struct SSHKeysSnapshotTests {
    @Test(arguments: [true, false])
    func ownKeys(useColor: Bool) {
        for (width, height) in [(80, 24), (50, 12)] {
            PaneSnapshotTests.snapshot(TestCatalogue.sshKeysState(width: width, height: height, useColor: useColor), "ssh-keys")
        }
    }

    @Test func everyAccountsKeysForAnAdmin() {
        var state = TestCatalogue.sshKeysState(as: TestCatalogue.identity, width: 120, height: 40, useColor: false)
        state.sshKeys.list.highlighted = 1
        PaneSnapshotTests.snapshot(state, "ssh-keys-admin")
    }

    @Test func theAddFormWithARefusedLine() {
        var state = TestCatalogue.sshKeysState(useColor: false)
        press(&state, .character("a"))
        typeText(&state, "ssh-dss AAAAB3NzaC1kc3MAAACBAP me@old")
        press(&state, .enter)
        PaneSnapshotTests.snapshot(state, "ssh-keys-add-refused")
    }

    @Test func noHostileCommentReachesTheScreen() {
        for width in [50, 80, 200] {
            var state = TestCatalogue.sshKeysState(width: width, height: width == 50 ? 12 : 30)
            state.sshKeys.list.highlighted = 1
            let buffer = rendered(state)
            for cell in buffer.cells {
                for scalar in cell.text.unicodeScalars {
                    let value = scalar.value
                    #expect(!(value < 0x20 || (0x7F...0x9F).contains(value)), "control U+\(String(value, radix: 16)) in a cell at \(width)")
                    #expect(!(0x202A...0x202E).contains(value), "bidi control in a cell at \(width)")
                }
            }
            if width == 200 { #expect(buffer.textDump().contains("ci␛]0;pwned␇")) }
        }
    }

    @Test func anEmptyListSaysHowToAddOne() {
        var state = TestCatalogue.sshKeysState(useColor: false)
        state.sshKeys.list.items = []
        #expect(rendered(state).textDump().contains("You have no SSH keys yet: a adds one (paste a .pub line)."))
    }
}
