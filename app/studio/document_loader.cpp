#include "document_loader.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include "io/model_loader.h"

namespace mcunet::studio {

namespace {

void analyse(ModelDocument& document, std::shared_ptr<const ir::Graph> graph, const device::Board& board,
             analysis::InputAssumption input, QElapsedTimer& timer) {
    document.loadMs = timer.restart();
    // An edited network is no longer the file it came from.
    const std::string file = document.edited ? std::string() : document.source.toStdString();
    analysis::AnalysisOptions options = analysis::analysisOptionsFor(board, file);
    options.input = input;
    document.analysis = analysis::analyzeModel(*graph, options);
    document.analyzeMs = timer.elapsed();
    document.graph = std::move(graph);
    document.boardId = QString::fromStdString(board.id);
}

// Lowering an edited config the way io::loadModel lowers a config file: same seed, so the
// weights (and the TF-Lite Micro model-file Flash figure) match what the CLI reports for the
// saved file.
ir::Graph lowerLikeLoader(const io::McunetConfig& config, const std::string& name) {
    io::LowerOptions options;
    options.withWeights = true;
    options.seed = io::LoadOptions{}.seed;
    ir::Graph graph = io::lowerMcunetConfig(config, options);
    graph.name = name;
    return graph;
}

}  // namespace

std::shared_ptr<ModelDocument> loadDocument(const QString& source, const device::Board& board,
                                            analysis::InputAssumption input) {
    auto document = std::make_shared<ModelDocument>();
    document->source = source;
    const bool zoo = source.startsWith("zoo:");
    document->title = zoo ? source.mid(4) : QFileInfo(source).fileName();
    QElapsedTimer timer;
    timer.start();
    const std::string path = source.toStdString();
    io::OpenedModel opened = io::openModel(path);
    auto graph = std::make_shared<const ir::Graph>(std::move(opened.graph));
    if (opened.syntheticWeights()) {
        // An architecture, not a trained model: keep the config for the editor and say where
        // the weights came from.
        document->config = std::make_shared<const io::McunetConfig>(std::move(*opened.config));
        document->provenance =
            (zoo ? QObject::tr("Built-in example %1 (MCUNet config).").arg(document->title)
                 : QObject::tr("MCUNet config, architecture only."))
            + QObject::tr(" Int8 weights generated from seed %1, not trained: sizes and memory are real, "
                          "predictions are not.")
                  .arg(io::LoadOptions{}.seed);
    }
    analyse(*document, std::move(graph), board, input, timer);
    return document;
}

std::shared_ptr<ModelDocument> documentForConfig(const ModelDocument& base,
                                                 std::shared_ptr<const io::McunetConfig> config,
                                                 const device::Board& board, analysis::InputAssumption input) {
    auto document = std::make_shared<ModelDocument>();
    document->origin = ModelDocument::Origin::Edited;
    document->source = base.source;
    document->title = base.title;
    document->provenance = base.provenance;
    document->edited = true;
    QElapsedTimer timer;
    timer.start();
    auto graph = std::make_shared<const ir::Graph>(lowerLikeLoader(*config, base.graph ? base.graph->name : std::string()));
    document->config = std::move(config);
    analyse(*document, std::move(graph), board, input, timer);
    return document;
}

std::shared_ptr<ModelDocument> documentForBoard(const ModelDocument& base, const device::Board& board,
                                                analysis::InputAssumption input) {
    auto document = std::make_shared<ModelDocument>(base);
    document->origin = ModelDocument::Origin::BoardChanged;
    QElapsedTimer timer;
    timer.start();
    analyse(*document, base.graph, board, input, timer);
    return document;
}

}  // namespace mcunet::studio
