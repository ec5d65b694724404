// What the studio has open: the graph, core's analysis of it, where it came from, and (for an
// MCUNet config) the editable config. Immutable once built: an edit makes a new document, so
// the UI thread and workers never share mutable state.
#pragma once

#include <QString>
#include <memory>
#include <optional>

#include "analysis/model_analysis.h"
#include "io/mcunet_config.h"
#include "ir/graph.h"

namespace mcunet::studio {

struct ModelDocument {
    // Why this document was made: the window keeps the selection and undo history for anything
    // but a newly opened model.
    enum class Origin { Opened, Edited, BoardChanged };
    Origin origin = Origin::Opened;
    QString source;      // what the user opened: a path or "zoo:NAME"
    QString title;       // file or model name for the window title
    QString provenance;  // e.g. "built-in config, weights from seed 0 (untrained)"; empty for files
    std::shared_ptr<const ir::Graph> graph;
    analysis::ModelAnalysis analysis;
    // The editable network when the model came from an MCUNet config (file or zoo), else null.
    std::shared_ptr<const io::McunetConfig> config;
    bool edited = false;   // the network differs from `source` (network editor changes)
    qint64 loadMs = 0;     // reading / lowering
    qint64 analyzeMs = 0;  // analysis::analyzeModel
    QString boardId;       // the board the analysis assumed (its core sizes the code in Flash)
};

using DocumentPtr = std::shared_ptr<const ModelDocument>;

}  // namespace mcunet::studio
