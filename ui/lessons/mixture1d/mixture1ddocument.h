#pragma once
// The 1-D lesson's editable state (DESIGN.md "How data flows"; Tiled's MapDocument is the model):
// the data mixture, the forward process, the particles and seed, the posterior probe (x_t, jump k)
// and the denoiser choice. Widgets change it only through these setters; each setter emits a
// change signal only when the value changed. Mixture edits are undoable (undoStack()). A job gets
// snapshot(), a plain value that later edits cannot reach.

#include "core/gmm.h"
#include "core/schedule.h"

#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

class QUndoStack;

namespace ds::ui {

struct LearnedModel;

struct Component1D {
  double weight = 1.0;
  double mean = 0.0;
  double std = 0.5;
  bool operator==(const Component1D& o) const { return weight == o.weight && mean == o.mean && std == o.std; }
  bool operator!=(const Component1D& o) const { return !(*this == o); }
};

// Everything a 1-D job reads, by value.
struct Mixture1DSnapshot {
  GaussianMixture data;   // the learned model's mixture when one is chosen
  ScheduleSpec schedule;  // the learned model's schedule when one is chosen
  int particles = 2000;
  std::uint64_t seed = 0;
  double xt = 0.0;                              // the posterior panel's observed x_t
  int jump = 1;                                 // its jump k (clamped to t where used)
  std::shared_ptr<const LearnedModel> learned;  // null: the exact denoiser
};

class Mixture1DDocument : public QObject {
  Q_OBJECT

 public:
  explicit Mixture1DDocument(QObject* parent = nullptr);
  ~Mixture1DDocument() override;

  static std::vector<Component1D> lectureComponents();
  static GaussianMixture toMixture(const std::vector<Component1D>& components);
  static std::vector<Component1D> fromMixture(const GaussianMixture& mixture);

  const std::vector<Component1D>& components() const { return m_components; }
  // An undoable edit (consecutive edits of the same cell merge into one undo step).
  void setComponents(const std::vector<Component1D>& components);
  void resetToLectureExample();

  const ScheduleSpec& scheduleSpec() const { return m_schedule; }
  void setScheduleKind(ScheduleKind kind);
  void setSteps(int steps);
  int particles() const { return m_particles; }
  void setParticles(int n);
  std::uint64_t seed() const { return m_seed; }
  void setSeed(std::uint64_t seed);
  double posteriorXt() const { return m_xt; }
  void setPosteriorXt(double xt);
  int jump() const { return m_jump; }
  void setJump(int k);

  // Learned mode: the model's mixture and schedule replace the edited ones (and the controls
  // lock) until it is switched off (null). The edited mixture and schedule are kept underneath.
  std::shared_ptr<const LearnedModel> learned() const { return m_learned; }
  void setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture);
  bool isLocked() const { return m_learned != nullptr; }
  // The mixture and schedule in use (the learned model's when locked).
  GaussianMixture mixture() const;
  ScheduleSpec effectiveSchedule() const;

  Mixture1DSnapshot snapshot() const;
  QUndoStack* undoStack() const { return m_undo; }

 Q_SIGNALS:
  void mixtureChanged();
  void scheduleChanged();
  void samplingChanged();  // particles or seed
  void probeChanged();     // posterior x_t or jump
  void denoiserChanged();  // learned on/off, or a model of other data or schedule
  // A newer snapshot of the same learned model (same data and schedule): a training run publishes
  // these faster than a chain job takes, so the lesson lets its running job finish first.
  void modelSnapshotChanged();
  // Any input of the chains changed (mixture, schedule, sampling, denoiser).
  void chainsChanged();

 private:
  friend class SetComponents1DCommand;
  void applyComponents(const std::vector<Component1D>& components);

  std::vector<Component1D> m_components;
  ScheduleSpec m_schedule;
  int m_particles = 2000;
  std::uint64_t m_seed = 0;
  double m_xt = 0.0;
  int m_jump = 1;
  std::shared_ptr<const LearnedModel> m_learned;
  GaussianMixture m_learnedMixture;
  QUndoStack* m_undo = nullptr;
};

}  // namespace ds::ui
