import ArgumentParser
import Foundation
import LabCore
import Plots

/// `lab plot`: Render figures and the chart gallery.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render figures and the chart gallery.",
        subcommands: [PlotGalleryCommand.self, PlotRenderCommand.self]
    )
}
