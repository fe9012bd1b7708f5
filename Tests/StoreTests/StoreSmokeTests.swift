import Testing
@testable import Store

@Test func StoreModuleLinks() { _ = StoreModule.self }
