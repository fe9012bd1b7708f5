import Testing
@testable import LAENet

@Test func LAENetModuleLinks() { _ = LAENetModule.self }
