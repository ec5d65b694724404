#include "document_loader.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include "io/model_loader.h"

namespace mcunet::studio {

std::shared_ptr<ModelDocument> loadDocument(const QString& source) {
    auto document = std::make_shared<ModelDocument>();
    document->source = source;
    document->title = source.startsWith("zoo:") ? source.mid(4) : QFileInfo(source).fileName();
    QElapsedTimer timer;
    timer.start();
    auto graph = std::make_shared<ir::Graph>(io::loadModel(source.toStdString()));
    document->loadMs = timer.restart();
    document->analysis = analysis::analyzeModel(*graph);
    document->analyzeMs = timer.elapsed();
    document->graph = std::move(graph);
    return document;
}

}  // namespace mcunet::studio
