#pragma once
// The learned models of the running application: the Train lesson publishes a snapshot of the
// network it is training (its EMA weights) whenever its live samples refresh, when training stops
// and when a checkpoint is loaded; other lessons read it to swap the exact denoiser for the
// learned one. One process-wide instance; GUI thread only (the model itself is thread-safe:
// MlpDenoiser::predictEps serialises calls, so a job on the worker may sample with it).

#include "core/schedule.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {
class Denoiser;
class MlpDenoiser;
}  // namespace ds

namespace ds::ui {

struct LearnedModel {
  // ε_θ(x_t, t) in model space: x_model = (x_data − shift) / scale.
  std::shared_ptr<const MlpDenoiser> model;
  // The same network through the sampler interface (set by ModelStore::publish), so lessons can
  // use it without the torch::nn headers.
  std::shared_ptr<const Denoiser> denoiser;
  ScheduleSpec schedule;      // the forward process it was trained for (T, β kind)
  int dim = 2;                // 1 or 2
  QString dataSource;         // "toy", "drawn", "points"
  QString dataName;           // e.g. "moons", "spray brush", "points.csv"
  QString description;        // one line for labels, e.g. "MLP 3×64 on Two moons, 3000 steps"
  std::vector<double> shift;  // normalisation, size dim (empty = zeros)
  double scale = 1.0;
  std::int64_t trainingSteps = 0;
  double loss = 0;      // mean training loss at the snapshot (NaN if unknown)
  double slicedW2 = 0;  // sample quality vs the data at the snapshot (NaN if unknown)
};

class ModelStore : public QObject {
  Q_OBJECT

 public:
  static ModelStore* instance();

  // The current model, or null when none has been trained or loaded yet.
  std::shared_ptr<const LearnedModel> current() const { return m_current; }
  bool hasModel() const { return m_current != nullptr; }
  // Increases with every publish() and clear(): lets a view tell whether it is up to date.
  quint64 generation() const { return m_generation; }

  void publish(LearnedModel model);
  void clear();

 Q_SIGNALS:
  void modelChanged();

 private:
  explicit ModelStore(QObject* parent = nullptr);

  std::shared_ptr<const LearnedModel> m_current;
  quint64 m_generation = 0;
};

}  // namespace ds::ui
