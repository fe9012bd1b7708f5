import Testing
@testable import Plots

@Test func PlotsModuleLinks() { _ = PlotsModule.self }
