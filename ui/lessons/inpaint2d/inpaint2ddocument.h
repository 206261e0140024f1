#pragma once
// The Inpaint 2-D lesson's editable state (DESIGN.md "How data flows"; Tiled's MapDocument is the
// model): the mixture, the observation (axis and value c), the methods shown, RePaint's j and r,
// the schedule and sampler, n and the seed. Every edit is one QUndoCommand holding the settings
// before and after, so undo/redo restores exactly what was there; a setter that changes nothing
// pushes nothing. A job gets request(), a plain value.

#include "core/eval/inpaint2d.h"
#include "core/gmm.h"
#include "core/schedule.h"

#include <QObject>
#include <QString>

#include <array>
#include <cstdint>

class QUndoStack;

namespace ds::ui {

struct Inpaint2DPreset;

struct Inpaint2DSettings {
  GaussianMixture mixture;
  int observedDim = 1;                          // 0 = x₁, 1 = x₂
  double value = 2.0;                           // c
  std::array<bool, 3> shown{true, true, true};  // kInpaintMethods order
  int jump = 10;                                // RePaint j
  int resample = 5;                             // RePaint r
  ScheduleKind scheduleKind = ScheduleKind::Linear;
  int steps = 1000;  // T
  // DDIM-100 by default: a drag should answer within seconds on a laptop CPU (RePaint costs r×).
  bool ddim = true;
  int ddimSteps = 100;  // S
  int n = 2000;
  std::uint64_t seed = 0;

  bool operator==(const Inpaint2DSettings& o) const;
  bool operator!=(const Inpaint2DSettings& o) const { return !(*this == o); }
};

class Inpaint2DDocument : public QObject {
  Q_OBJECT

 public:
  explicit Inpaint2DDocument(const Inpaint2DSettings& initial, QObject* parent = nullptr);
  ~Inpaint2DDocument() override;

  const Inpaint2DSettings& settings() const { return m_settings; }

  // Parses a SPEC; on success an undoable change (true), otherwise nothing changes and *error
  // says why (e.g. a 1-D spec).
  bool setMixtureSpec(const QString& spec, QString* error = nullptr);
  // Mixture and observation in one step.
  void applyPreset(const Inpaint2DPreset& preset);
  // Everything at once, as one undo step named `text` (opening a lesson file).
  void setSettings(const Inpaint2DSettings& settings, const QString& text) { edit(settings, text); }
  void setObservedDim(int dim);
  void setValue(double c);
  void setMethodShown(int index, bool on);
  void setJump(int j);
  void setResample(int r);
  void setScheduleKind(ScheduleKind kind);
  void setSteps(int steps);
  void setDdim(bool on);
  void setDdimSteps(int s);
  void setSamples(int n);
  void setSeed(std::uint64_t seed);

  bool anyMethodShown() const;
  QString samplerLabel() const;  // "DDPM" or "DDIM-50" (S clamped to T)
  ScheduleSpec scheduleSpec() const;
  // The job's input (paths and grid are the lesson's choices, not the document's).
  Inpaint2DRequest request(int paths, int grid) const;

  QUndoStack* undoStack() const { return m_undo; }

 Q_SIGNALS:
  void changed();  // anything; the controls re-read settings(), the lesson starts a job

 private:
  friend class SetInpaint2DCommand;
  void apply(const Inpaint2DSettings& settings);
  // Pushes a command that changes the settings to `after` (nothing when they are equal).
  void edit(const Inpaint2DSettings& after, const QString& text);

  Inpaint2DSettings m_settings;
  QUndoStack* m_undo = nullptr;
};

}  // namespace ds::ui
