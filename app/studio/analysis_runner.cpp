#include "analysis_runner.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "util/error.h"

namespace mcunet::studio {

namespace {
struct Outcome {
    std::shared_ptr<ModelDocument> document;
    QString error;
};

Outcome runJob(const AnalysisRunner::Job& job, const QString& description) {
    Outcome outcome;
    try {
        outcome.document = job();
    } catch (const mcunet::Error& e) {
        outcome.error = QString::fromStdString(e.what());  // already "file: problem"
    } catch (const std::exception& e) {
        outcome.error = QString("%1: %2").arg(description, QString::fromStdString(e.what()));
    } catch (...) {
        outcome.error = QString("%1: %2").arg(description, QObject::tr("unexpected error"));
    }
    return outcome;
}
}  // namespace

AnalysisRunner::AnalysisRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<DocumentPtr>("mcunet::studio::DocumentPtr");
}

AnalysisRunner::~AnalysisRunner() {
    // Results of jobs still running are dropped: their watchers are our children.
    ++generation_;
}

void AnalysisRunner::start(Job job, const QString& description) {
    const quint64 generation = ++generation_;
    description_ = description;
    setBusy(true);
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_) return;  // superseded or cancelled
        const Outcome outcome = watcher->result();
        setBusy(false);
        if (outcome.document) emit finished(outcome.document);
        else emit failed(outcome.error);
    });
    watcher->setFuture(QtConcurrent::run(runJob, std::move(job), description));
}

void AnalysisRunner::cancel() {
    if (!busy_) return;
    ++generation_;
    setBusy(false);
    emit cancelled();
}

void AnalysisRunner::setBusy(bool busy) {
    if (busy_ == busy) return;
    busy_ = busy;
    emit busyChanged(busy);
}

}  // namespace mcunet::studio
