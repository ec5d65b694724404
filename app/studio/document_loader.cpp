#include "document_loader.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include "io/tflite_reader.h"
#include "zoo/zoo.h"

namespace mcunet::studio {

namespace {

void analyse(ModelDocument& document, ir::Graph graph, QElapsedTimer& timer) {
    document.loadMs = timer.restart();
    document.analysis = analysis::analyzeModel(graph);
    document.analyzeMs = timer.elapsed();
    document.graph = std::make_shared<const ir::Graph>(std::move(graph));
}

}  // namespace

std::shared_ptr<ModelDocument> loadDocument(const QString& source) {
    auto document = std::make_shared<ModelDocument>();
    document->source = source;
    document->title = QFileInfo(source).fileName();
    QElapsedTimer timer;
    timer.start();
    const std::string path = source.toStdString();
    if (source.startsWith("zoo:")) {
        const QString name = source.mid(4);
        document->title = name;
        auto config = std::make_shared<const io::McunetConfig>(zoo::zooConfig(name.toStdString()));
        io::LowerOptions options;
        options.withWeights = true;
        options.seed = kExampleWeightSeed;
        ir::Graph graph = io::lowerMcunetConfig(*config, options);
        graph.name = name.toStdString();
        document->provenance = QObject::tr("Built-in example %1: int8 weights generated from seed %2, not trained — "
                                           "sizes and memory are real, predictions are not.")
                                   .arg(name)
                                   .arg(kExampleWeightSeed);
        document->config = std::move(config);
        analyse(*document, std::move(graph), timer);
    } else if (source.endsWith(".json", Qt::CaseInsensitive)) {
        auto config = std::make_shared<const io::McunetConfig>(io::readMcunetConfig(path));
        document->provenance = QObject::tr("MCUNet config: architecture only, no trained weights — parameters "
                                           "and memory follow from the shapes.");
        ir::Graph graph = io::lowerMcunetConfig(*config);
        graph.name = QFileInfo(source).completeBaseName().toStdString();
        document->config = std::move(config);
        analyse(*document, std::move(graph), timer);
    } else {
        analyse(*document, io::readTflite(path), timer);
    }
    return document;
}

std::shared_ptr<ModelDocument> documentForConfig(const ModelDocument& base,
                                                 std::shared_ptr<const io::McunetConfig> config) {
    auto document = std::make_shared<ModelDocument>();
    document->source = base.source;
    document->title = base.title;
    document->provenance = base.provenance;
    document->edited = true;
    QElapsedTimer timer;
    timer.start();
    ir::Graph graph = io::lowerMcunetConfig(*config);
    if (base.graph) graph.name = base.graph->name;
    document->config = std::move(config);
    analyse(*document, std::move(graph), timer);
    return document;
}

}  // namespace mcunet::studio
