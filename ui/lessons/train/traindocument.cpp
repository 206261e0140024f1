#include "ui/lessons/train/traindocument.h"

#include "ui/displaynames.h"
#include "ui/lessons/train/traindrawing.h"

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/training/resume.h"

#include <ATen/ATen.h>

#include <QCoreApplication>

#include <algorithm>

namespace ds::ui {

const QString TrainDocument::kDrawn = QStringLiteral("drawn");
const QString TrainDocument::kCsv = QStringLiteral("csv");

TrainDocument::TrainDocument(QObject* parent)
    : QObject(parent),
      m_dataKey(QString::fromStdString(toyRegistry().front().name)),
      m_drawing(new TrainDrawing(this)) {
  connect(m_drawing, &TrainDrawing::changed, this, [this] {
    if (m_dataKey == kDrawn) rebuildData();
  });
  rebuildData();
}

bool TrainDocument::setDataKey(const QString& key) {
  if (key != kDrawn && key != kCsv && !isToy(key.toStdString())) return false;
  if (key == m_dataKey) return true;
  m_dataKey = key;
  rebuildData();
  return true;
}

void TrainDocument::setToyPointCount(int n) {
  if (n == m_toyPoints) return;
  m_toyPoints = n;
  if (m_dataKey != kDrawn && m_dataKey != kCsv) rebuildData();
}

void TrainDocument::setCsvPoints(std::vector<float> points, int dim, const QString& name) {
  m_csv = std::move(points);
  m_csvDim = dim;
  m_csvName = name;
  if (m_dataKey == kCsv) rebuildData();
  else setDataKey(kCsv);
}

void TrainDocument::setBrushRadius(double r) {
  if (r == m_brushRadius) return;
  m_brushRadius = r;
  Q_EMIT settingsChanged();
}

void TrainDocument::setBrushDensity(int n) {
  if (n == m_brushDensity) return;
  m_brushDensity = n;
  Q_EMIT settingsChanged();
}

// The data set of the current choice: toy points (drawn from the training seed's data stream, as
// a resumed run redraws them: core/training/resume.h), the drawing or the CSV file, and its
// normalisation.
void TrainDocument::rebuildData() {
  m_shift.clear();
  m_scale = 1.0;
  if (m_dataKey == kDrawn) {
    m_dim = 2;
    m_data.clear();
    for (const QPointF& p : m_drawing->points()) {
      m_data.push_back(static_cast<float>(p.x()));
      m_data.push_back(static_cast<float>(p.y()));
    }
    m_dataTitle = QCoreApplication::translate("ds::ui::TrainDocument", "drawn points");
  } else if (m_dataKey == kCsv) {
    m_dim = m_csvDim > 0 ? m_csvDim : 2;
    m_data = m_csv;
    m_dataTitle = m_csvName.isEmpty() ? QCoreApplication::translate("ds::ui::TrainDocument", "CSV points") : m_csvName;
  } else {
    const std::string key = m_dataKey.toStdString();
    m_dim = toyInfo(key).dim;
    m_data = toInterleaved(drawTrainingData("toy", key, m_toyPoints, m_seed));
    m_dataTitle = displayName(toyInfo(key).title);
  }
  if ((m_dataKey == kDrawn || m_dataKey == kCsv) && pointCount() >= 2) {
    const Normalization n = fitNormalization(fromInterleaved(m_data, m_dim));
    m_shift = n.shift;
    m_scale = n.scale;
  }
  Q_EMIT dataChanged();
}

void TrainDocument::setSchedule(const ScheduleSpec& spec) {
  if (spec.kind == m_schedule.kind && spec.steps == m_schedule.steps && spec.betaStart == m_schedule.betaStart &&
      spec.betaEnd == m_schedule.betaEnd)
    return;
  m_schedule = spec;
  Q_EMIT scheduleChanged();
}

void TrainDocument::setScheduleKind(ScheduleKind kind) {
  ScheduleSpec s = m_schedule;
  s.kind = kind;
  setSchedule(s);
}

void TrainDocument::setScheduleSteps(int steps) {
  ScheduleSpec s = m_schedule;
  s.steps = steps;
  setSchedule(s);
}

#define DS_TRAIN_SETTER(Name, member, Type) \
  void TrainDocument::Name(Type value) {    \
    if (value == member) return;            \
    member = value;                         \
    Q_EMIT settingsChanged();               \
  }
DS_TRAIN_SETTER(setHidden, m_hidden, int)
DS_TRAIN_SETTER(setLayers, m_layers, int)
DS_TRAIN_SETTER(setLearningRate, m_learningRate, double)
DS_TRAIN_SETTER(setBatchSize, m_batchSize, int)
DS_TRAIN_SETTER(setIterations, m_iterations, qint64)
DS_TRAIN_SETTER(setVlbWeighting, m_vlb, bool)
#undef DS_TRAIN_SETTER

void TrainDocument::setSeed(std::uint64_t seed) {
  if (seed == m_seed) return;
  m_seed = seed;
  Q_EMIT settingsChanged();
  if (m_dataKey != kDrawn && m_dataKey != kCsv) rebuildData();
}

TrainSetup TrainDocument::snapshot() const {
  TrainSetup s;
  s.dataSource = m_dataKey == kDrawn ? QStringLiteral("drawn")
                 : m_dataKey == kCsv ? QStringLiteral("points")
                                     : QStringLiteral("toy");
  s.dataName = m_dataKey == kDrawn ? QStringLiteral("spray brush") : m_dataKey == kCsv ? m_csvName : m_dataKey;
  s.dataTitle = m_dataTitle;
  s.dim = m_dim;
  s.data = m_data;
  s.shift = m_shift;
  s.scale = m_scale;
  s.schedule = m_schedule;
  s.hidden = m_hidden;
  s.layers = m_layers;
  s.learningRate = m_learningRate;
  s.batchSize = m_batchSize;
  s.iterations = m_iterations;
  s.seed = m_seed;
  s.vlbWeighting = m_vlb;
  return s;
}

void TrainDocument::applySettings(const TrainSetup& s) {
  QSignalBlocker block(this);  // one notification of each kind below, not one per field
  m_schedule = s.schedule;
  m_hidden = s.hidden;
  m_layers = s.layers;
  m_learningRate = s.learningRate;
  m_batchSize = s.batchSize;
  m_seed = s.seed;
  m_vlb = s.vlbWeighting;
  if (s.dataSource == QLatin1String("toy") && isToy(s.dataName.toStdString())) m_dataKey = s.dataName;
  rebuildData();
  block.unblock();
  Q_EMIT scheduleChanged();
  Q_EMIT settingsChanged();
  Q_EMIT dataChanged();
}

}  // namespace ds::ui
