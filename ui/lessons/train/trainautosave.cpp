// The Train lesson's work that survives a crash (ui/autosave.h) and the close prompt: the
// spray-brush drawing, and a model that is being trained or was trained and not saved. In the
// lesson's autosave folder:
//   drawing.csv   the drawn points (core's point-set CSV), when there are any
//   model.ckpt    the model, as Save checkpoint… writes it (weights, EMA, Adam state, loss curve)
//   data.csv      the CSV points the model was trained on, so that a restored model trains on
//   state.json    the data choice and where the model's data came from
// Every file is written atomically (core's writer); files of work that is gone are removed.

#include "ui/lessons/train/lessontrain.h"

#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"

#include "core/data/pointset.h"
#include "core/runtime/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <vector>

namespace ds::ui {

namespace {

const QString kDrawing = QStringLiteral("drawing.csv");
const QString kModel = QStringLiteral("model.ckpt");
const QString kData = QStringLiteral("data.csv");
const QString kState = QStringLiteral("state.json");

void writeOrRemovePoints(const QString& path, const std::vector<float>& values, int dim) {
  if (values.empty() || dim <= 0) {
    QFile::remove(path);
    return;
  }
  writePointsCsv(QFile::encodeName(path).toStdString(), fromInterleaved(values, dim));
}

PointSet readPoints(const QString& path) { return readPointsCsv(QFile::encodeName(path).toStdString()); }

}  // namespace

bool LessonTrain::hasUnsavedModel() const {
  return m_session && m_session->hasModel() && (m_machine.isBusy() || m_session->step() != m_savedStep);
}

AutosaveSnapshot LessonTrain::autosaveSnapshot() const {
  AutosaveSnapshot snap;
  std::vector<float> drawn;
  drawn.reserve(m_doc->drawing()->points().size() * 2);
  for (const QPointF& p : m_doc->drawing()->points()) {
    drawn.push_back(static_cast<float>(p.x()));
    drawn.push_back(static_cast<float>(p.y()));
  }
  const auto count = static_cast<qint64>(drawn.size() / 2);
  if (count > 0) snap.items << tr("%n drawn points", "", static_cast<int>(count));

  std::shared_ptr<TrainSession> session = hasUnsavedModel() ? m_session : nullptr;
  std::vector<float> csv;
  int csvDim = 0;
  QJsonObject state;
  state[QStringLiteral("dataKey")] = m_doc->dataKey();
  if (session) {
    const TrainSetup& s = session->setup();
    snap.items << (m_machine.isBusy() ? tr("a model being trained (step %1), not saved")
                                      : tr("a model trained %1 steps, not saved"))
                      .arg(session->step());
    state[QStringLiteral("modelSource")] = s.dataSource;
    if (s.dataSource == QLatin1String("points")) {
      csv = s.data;
      csvDim = s.dim;
      state[QStringLiteral("csvName")] = s.dataName;
    }
  }
  if (snap.items.isEmpty()) return snap;
  const std::string stateJson = QJsonDocument(state).toJson().toStdString();
  snap.write = [drawn = std::move(drawn), session, csv = std::move(csv), csvDim, stateJson](const QString& folder) {
    const QDir dir(folder);
    writeOrRemovePoints(dir.filePath(kDrawing), drawn, 2);
    writeOrRemovePoints(dir.filePath(kData), csv, csvDim);
    if (session) session->save(dir.filePath(kModel));  // the latest snapshot; atomic (core)
    else QFile::remove(dir.filePath(kModel));
    writeFileAtomically(QFile::encodeName(dir.filePath(kState)).toStdString(), stateJson);
  };
  return snap;
}

bool LessonTrain::restoreAutosave(const QString& folder, QString* error) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  const QDir dir(folder);
  const bool hasModel = QFile::exists(dir.filePath(kModel));
  if (hasModel && m_machine.isBusy())
    return fail(
        tr("a model is being trained now; stop it, then restart Diffusion Studio to restore the autosaved "
           "one"));
  QJsonObject state;
  if (QFile file(dir.filePath(kState)); file.open(QIODevice::ReadOnly))
    state = QJsonDocument::fromJson(file.readAll()).object();

  try {
    if (QFile::exists(dir.filePath(kDrawing))) {
      const PointSet set = readPoints(dir.filePath(kDrawing));
      if (set.dim() != 2) return fail(tr("the autosaved drawing is not 2-D"));
      const std::vector<float> xy = toInterleaved(set.points);
      std::vector<QPointF> points;
      points.reserve(xy.size() / 2);
      for (std::size_t i = 0; i + 1 < xy.size(); i += 2) points.emplace_back(xy[i], xy[i + 1]);
      m_doc->drawing()->replaceAll(points, tr("Restore the autosaved drawing"));
    }
    if (QFile::exists(dir.filePath(kData))) {
      const PointSet set = readPoints(dir.filePath(kData));
      QString name = state.value(QStringLiteral("csvName")).toString();
      if (name.isEmpty()) name = tr("autosaved points");
      m_doc->setCsvPoints(toInterleaved(set.points), set.dim(), name);
    }
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what()));
  }

  // The data choice: the one the model was trained on (its drawing or CSV points), else the
  // drawing when that was chosen. Toys are redrawn from the checkpoint's own settings.
  const QString source = state.value(QStringLiteral("modelSource")).toString();
  QString key = state.value(QStringLiteral("dataKey")).toString();
  if (hasModel)
    key = source == QLatin1String("drawn")    ? TrainDocument::kDrawn
          : source == QLatin1String("points") ? TrainDocument::kCsv
                                              : QString();
  if (key == TrainDocument::kDrawn || (key == TrainDocument::kCsv && m_doc->hasCsvPoints())) m_doc->setDataKey(key);

  if (hasModel) {
    QString loadError;
    const auto capture =
        connect(this, &LessonTrain::errorShown, this, [&loadError](const QString& message) { loadError = message; });
    const bool loaded = loadCheckpoint(dir.filePath(kModel));
    disconnect(capture);
    if (!loaded) return fail(loadError.isEmpty() ? tr("the autosaved model could not be loaded") : loadError);
    m_savedStep = -1;  // only in the autosave: still to be saved
    setStatus(tr("Restored the autosaved model (%1 steps). It is not saved yet: <b>Save</b> keeps it.").arg(m_step));
  }
  Q_EMIT autosaveNeeded(true);
  return true;
}

QString LessonTrain::unsavedWork() const {
  if (!hasUnsavedModel()) return {};
  const TrainSetup& s = m_session->setup();
  const QString model = tr("an MLP %1×%2 on %3").arg(s.layers).arg(s.hidden).arg(s.dataTitle);
  if (m_machine.isBusy())
    return tr("The Train lesson is training %1 (step %2 of %3), and the model has not been saved. Save it?")
        .arg(model)
        .arg(m_step)
        .arg(m_runTarget);
  return tr("The Train lesson's model, %1 trained %2 steps, has not been saved. Save it?").arg(model).arg(m_step);
}

bool LessonTrain::saveUnsavedWork() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("model.ckpt"),
                                                    tr("Checkpoints (*.ckpt);;All files (*)"));
  return !path.isEmpty() && saveCheckpoint(path);
}

}  // namespace ds::ui
