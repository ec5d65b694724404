// The Analyze mode: the analysis view (summary, chart, layer table, side panel) with the network
// editor in its side panel, as one view over a StudioSession. It shows what the session holds
// and turns the editor's requests into session edits; it owns no model state of its own.
#pragma once

#include <QWidget>

#include "config_commands.h"
#include "model_document.h"

namespace mcunet::widgets {
class NetworkEditor;
}

namespace mcunet::studio {

class AnalysisView;
class StudioSession;

class AnalyzeMode : public QWidget {
    Q_OBJECT
public:
    AnalyzeMode(StudioSession* session, QWidget* parent = nullptr);

    AnalysisView* analysisView() const { return view_; }
    widgets::NetworkEditor* networkEditor() const { return editor_; }

signals:
    // The editor's "Save as MCUNet JSON…" button: the window owns the file dialog.
    void saveAsRequested();

private:
    void onDocumentChanged(DocumentPtr document);
    void onConfigChanged(ConfigPtr config);

    StudioSession* session_ = nullptr;
    AnalysisView* view_ = nullptr;
    widgets::NetworkEditor* editor_ = nullptr;
};

}  // namespace mcunet::studio
