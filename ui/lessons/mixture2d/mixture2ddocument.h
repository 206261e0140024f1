#pragma once
// The 2-D lesson's editable state (DESIGN.md "How data flows"; Tiled's MapDocument is the model):
// the data mixture, the forward process, the sampler (DDPM or DDIM with S and η), particles and
// seed, the clicked x_t and jump k of the posterior panel, what the plane shows, and the denoiser
// choice. Widgets change it only through the setters; a setter emits only when the value changed.
// Mixture changes are undoable (undoStack()). A job gets snapshot(), a plain value.

#include "core/eval/mixtureeval.h"
#include "core/gmm.h"
#include "core/schedule.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

class QUndoStack;

namespace ds::ui {

struct LearnedModel;

struct Sampler2D {
  bool ddim = false;
  int ddimSteps = 50;  // S (the job clamps it to T)
  double eta = 0.0;
  bool operator==(const Sampler2D& o) const { return ddim == o.ddim && ddimSteps == o.ddimSteps && eta == o.eta; }
};

// Everything a 2-D job reads, by value.
struct Mixture2DSnapshot {
  GaussianMixture data;   // the learned model's mixture when one is chosen
  ScheduleSpec schedule;  // the learned model's schedule when one is chosen
  Sampler2D sampler;
  int particles = 1000;
  std::uint64_t seed = 0;
  bool hasXt = false;                           // a point of the plane was clicked
  double x = 0, y = 0;                          // the clicked x_t
  int jump = 1;                                 // the posterior's k (clamped to t where used)
  std::shared_ptr<const LearnedModel> learned;  // null: the exact denoiser
};

class Mixture2DDocument : public QObject {
  Q_OBJECT

 public:
  explicit Mixture2DDocument(const GaussianMixture& initial, QObject* parent = nullptr);
  ~Mixture2DDocument() override;

  // The edited mixture (what the next job uses unless a learned model locks it).
  const GaussianMixture& editedMixture() const { return m_mixture; }
  // Parses a SPEC; on success an undoable change (true), otherwise nothing changes and *error
  // says why (e.g. a 1-D spec: this lesson needs 2-D means).
  bool setMixtureSpec(const QString& spec, QString* error = nullptr);

  const ScheduleSpec& scheduleSpec() const { return m_schedule; }
  void setScheduleKind(ScheduleKind kind);
  void setSteps(int steps);
  const Sampler2D& sampler() const { return m_sampler; }
  void setSampler(const Sampler2D& sampler);
  int particles() const { return m_particles; }
  void setParticles(int n);
  std::uint64_t seed() const { return m_seed; }
  void setSeed(std::uint64_t seed);

  bool hasXt() const { return m_hasXt; }
  double xtX() const { return m_x; }
  double xtY() const { return m_y; }
  void setPosteriorXt(double x, double y);
  int jump() const { return m_jump; }
  void setJump(int k);

  // View options (no job needed).
  bool showField() const { return m_showField; }
  void setShowField(bool on);
  FieldKind fieldKind() const { return m_fieldKind; }
  void setFieldKind(FieldKind kind);
  bool showPaths() const { return m_showPaths; }
  void setShowPaths(bool on);

  // Learned mode: the model's mixture and schedule replace the edited ones until switched off.
  std::shared_ptr<const LearnedModel> learned() const { return m_learned; }
  void setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture);
  bool isLocked() const { return m_learned != nullptr; }
  GaussianMixture mixture() const;  // in use
  ScheduleSpec effectiveSchedule() const;
  // e.g. "DDIM-50" (S clamped to T) or "DDPM".
  QString samplerLabel() const;

  Mixture2DSnapshot snapshot() const;
  QUndoStack* undoStack() const { return m_undo; }

 Q_SIGNALS:
  void mixtureChanged();
  void scheduleChanged();
  void samplerChanged();
  void samplingChanged();  // particles or seed
  void probeChanged();     // clicked x_t or jump
  void viewChanged();      // field, field kind, paths
  void denoiserChanged();  // learned on/off, or a model of other data or schedule
  // A newer snapshot of the same learned model: the lesson lets its running job finish first.
  void modelSnapshotChanged();
  // Any input of the chains changed.
  void chainsChanged();

 private:
  friend class SetMixture2DCommand;
  void applyMixture(const GaussianMixture& mixture);
  void scheduleEdited();

  GaussianMixture m_mixture;
  ScheduleSpec m_schedule;
  Sampler2D m_sampler;
  int m_particles = 1000;
  std::uint64_t m_seed = 0;
  bool m_hasXt = false;
  double m_x = 0, m_y = 0;
  int m_jump = 1;
  bool m_showField = true;
  FieldKind m_fieldKind = FieldKind::Score;
  bool m_showPaths = true;
  std::shared_ptr<const LearnedModel> m_learned;
  GaussianMixture m_learnedMixture;
  QUndoStack* m_undo = nullptr;
};

}  // namespace ds::ui
