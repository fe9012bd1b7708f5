import Testing
@testable import AIGC

@Test func aigcModuleLinks() { _ = AIGCModule.self }
