// Runs loading and analysis off the UI thread. One job at a time from the UI's point of view: a
// new job supersedes the running one, and cancel() drops it; a superseded or cancelled job's
// result is discarded when it arrives, so the window always shows the latest request.
#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "model_document.h"

namespace mcunet::studio {

class AnalysisRunner : public QObject {
    Q_OBJECT
public:
    // Builds a document; throws mcunet::Error (message "file: problem") or std::exception.
    using Job = std::function<std::shared_ptr<ModelDocument>()>;

    explicit AnalysisRunner(QObject* parent = nullptr);
    ~AnalysisRunner() override;

    void start(Job job, const QString& description);
    void cancel();
    bool busy() const { return busy_; }
    QString description() const { return description_; }

signals:
    void finished(mcunet::studio::DocumentPtr document);
    void failed(const QString& message);
    void cancelled();
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    quint64 generation_ = 0;
    bool busy_ = false;
    QString description_;
};

}  // namespace mcunet::studio
