import LabCore
import Testing
@testable import LAENet

/// `LAENetConstants.overriding`: names, validation, the derived reference gain, and generation.
struct ConstantOverrideTests {
    @Test func overridesReplaceNamedConstantsOnly() throws {
        let base = LAENetConstants(profile: .paper)
        let k = try base.overriding([("bandwidth_hz", 2e7), ("deadline_s", 3), ("bandwidth_hz", 3e7)])
        #expect(k.bandwidthHz == 3e7 && k.deadlineS == 3, "later entries win")
        var expected = base
        expected.bandwidthHz = 3e7
        expected.deadlineS = 3
        #expect(k == expected)
        #expect(LAENetConstants.names.count == 23 && LAENetConstants.names.first == "speed_of_light_m_s")
    }

    @Test func theReferenceGainFollowsTheCarrierUnlessGiven() throws {
        let base = LAENetConstants(profile: .balanced)
        let k = try base.overriding([("carrier_hz", 2e8)])
        #expect(k.g2gReferenceGain == LAENetConstants.freeSpaceReferenceGain(speedOfLight: 3e8, carrierHz: 2e8))
        #expect(abs(k.g2gReferenceGain * 4 - base.g2gReferenceGain) < 1e-15 * base.g2gReferenceGain)
        let given = try base.overriding([("carrier_hz", 2e8), ("g2g_reference_gain", 1e-5)])
        #expect(given.g2gReferenceGain == 1e-5)
    }

    @Test(arguments: [("bandwidth", 1.0, "unknown LAENet constant"), ("bandwidth_hz", 0, "above 0"), ("hap_cpu_hz", -1, "above 0"),
                      ("deadline_s", .nan, "finite"), ("deadline_s", .infinity, "finite"), ("deadline_s", 1e31, "at most 1e30")])
    func badOverridesAreInputErrors(name: String, value: Double, message: String) {
        #expect {
            _ = try LAENetConstants(profile: .paper).overriding([(name, value)])
        } throws: { error in
            guard let e = error as? LabError else { return false }
            return e.code == .invalidInput && e.message.contains(name) && e.message.contains(message)
        }
    }

    @Test func generationUsesTheConstantsAndStaysDeterministic() throws {
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        let plain = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 7, index: 1)
        #expect(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 7, index: 1, constants: LAENetConstants(profile: .balanced)) == plain)
        let k = try LAENetConstants(profile: .balanced).overriding([("bandwidth_hz", 2e7), ("gs_cpu_hz", 2e10)])
        let wide = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 7, index: 1, constants: k)
        #expect(wide.constants == k && wide.servers[1].cpuHz == 2e10)
        #expect(wide.servers.map(\.position) == plain.servers.map(\.position), "the same streams place the servers alike")
        #expect(try LAENetInstance.decode(wide.fileText, file: "w.json") == wide, "the file records the constants")
    }
}
