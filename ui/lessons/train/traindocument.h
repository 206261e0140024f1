#pragma once
// The Train lesson's document (DESIGN.md; Tiled's MapDocument): the single owner of the lesson's
// editable state — which data set (a toy, the spray-brush drawing with its QUndoStack, or CSV
// points), the schedule as one ds::ScheduleSpec, the network and training settings and the seed.
// Widgets edit only through its setters and follow its change signals; a training job takes
// snapshot(), a plain struct by value. No widgets here, so it is tested on its own.

#include "ui/lessons/train/trainsession.h"

#include "core/schedule.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace ds::ui {

class TrainDrawing;

class TrainDocument : public QObject {
  Q_OBJECT

 public:
  static const QString kDrawn;           // data key of the spray-brush drawing
  static const QString kCsv;             // data key of the loaded CSV points
  static constexpr int kMinPoints = 10;  // fewer cannot be trained on

  explicit TrainDocument(QObject* parent = nullptr);

  // --- The data set ---
  QString dataKey() const { return m_dataKey; }
  // A toy key ("moons", …), kDrawn or kCsv; false (nothing changes) for an unknown key.
  bool setDataKey(const QString& key);
  int toyPointCount() const { return m_toyPoints; }
  void setToyPointCount(int n);
  // Points read from a CSV file (N·dim, data units); also selects kCsv.
  void setCsvPoints(std::vector<float> points, int dim, const QString& name);
  bool hasCsvPoints() const { return !m_csv.empty(); }
  TrainDrawing* drawing() const { return m_drawing; }
  double brushRadius() const { return m_brushRadius; }
  void setBrushRadius(double r);
  int brushDensity() const { return m_brushDensity; }
  void setBrushDensity(int n);

  // The resolved data set: N·dim interleaved values in data units, and the normalisation a run
  // trains with (drawn and CSV points are centred and scaled to unit spread; toys are not).
  const std::vector<float>& data() const { return m_data; }
  int dim() const { return m_dim; }
  qint64 pointCount() const { return static_cast<qint64>(m_data.size()) / std::max(1, m_dim); }
  const std::vector<double>& shift() const { return m_shift; }
  double scale() const { return m_scale; }
  QString dataTitle() const { return m_dataTitle; }
  bool isTrainable() const { return pointCount() >= kMinPoints; }

  // --- Process and network ---
  const ScheduleSpec& schedule() const { return m_schedule; }
  void setSchedule(const ScheduleSpec& spec);
  void setScheduleKind(ScheduleKind kind);
  void setScheduleSteps(int steps);
  int hidden() const { return m_hidden; }
  void setHidden(int h);
  int layers() const { return m_layers; }
  void setLayers(int l);

  // --- Training ---
  double learningRate() const { return m_learningRate; }
  void setLearningRate(double lr);
  int batchSize() const { return m_batchSize; }
  void setBatchSize(int b);
  qint64 iterations() const { return m_iterations; }
  void setIterations(qint64 n);
  std::uint64_t seed() const { return m_seed; }
  void setSeed(std::uint64_t seed);  // also redraws a toy data set
  bool vlbWeighting() const { return m_vlb; }
  void setVlbWeighting(bool on);

  // Everything a run needs, by value.
  TrainSetup snapshot() const;
  // Takes the settings of a loaded checkpoint (schedule, network, training, seed; a toy's key).
  void applySettings(const TrainSetup& setup);

 Q_SIGNALS:
  void dataChanged();      // data(), dim(), normalisation or title changed
  void scheduleChanged();  // schedule()
  void settingsChanged();  // network, training settings, brush, seed

 private:
  void rebuildData();

  QString m_dataKey;
  int m_toyPoints = 4000;
  std::vector<float> m_csv;
  int m_csvDim = 0;
  QString m_csvName;
  TrainDrawing* m_drawing = nullptr;
  double m_brushRadius = 0.3;
  int m_brushDensity = 8;

  std::vector<float> m_data;
  int m_dim = 2;
  std::vector<double> m_shift;
  double m_scale = 1.0;
  QString m_dataTitle;

  ScheduleSpec m_schedule;
  int m_hidden = 128;
  int m_layers = 3;
  double m_learningRate = 3e-3;
  int m_batchSize = 256;
  qint64 m_iterations = 3000;
  std::uint64_t m_seed = 0;
  bool m_vlb = false;
};

}  // namespace ds::ui
