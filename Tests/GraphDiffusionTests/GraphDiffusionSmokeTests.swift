import Testing
@testable import GraphDiffusion

@Test func graphDiffusionModuleLinks() { _ = GraphDiffusionModule.self }
