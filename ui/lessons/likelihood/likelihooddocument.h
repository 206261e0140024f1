#pragma once
// The Likelihood & score lesson's shared set-up (DESIGN.md "How data flows"; Tiled's MapDocument is
// the model): the data mixture (1-D or 2-D), the forward process (schedule kind and T) and the
// denoiser choice. Every edit of the data or the schedule is one QUndoCommand holding the settings
// before and after, so undo/redo restores exactly what was there; a setter that changes nothing
// pushes nothing. The learned model (Train lesson, through the DenoiserBox) is not an edit: while it
// is chosen it replaces the data and schedule with the ones it was trained on (as in the 1-D and 2-D
// lessons), and setup() — what the pages compute from — says so.

#include "core/gmm.h"
#include "core/schedule.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"

#include <QObject>
#include <QString>

#include <memory>

class QUndoStack;

namespace ds::ui {

struct LearnedModel;

struct LikelihoodSettings {
  GaussianMixture mixture;  // 1-D or 2-D
  ScheduleKind scheduleKind = ScheduleKind::Linear;
  int steps = 1000;  // T

  bool operator==(const LikelihoodSettings& o) const;
  bool operator!=(const LikelihoodSettings& o) const { return !(*this == o); }
};

// A ready-made data set: the lecture's 1-D example and the 2-D lesson's presets.
struct LikelihoodPreset {
  QString name;  // translated, with its dimension: "1-D: lecture example (two modes)"
  QString spec;
  QString description;
};
const std::vector<LikelihoodPreset>& likelihoodPresets();

class LikelihoodDocument : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMinSteps = 10;
  static constexpr int kMaxSteps = 2000;

  explicit LikelihoodDocument(QObject* parent = nullptr);
  ~LikelihoodDocument() override;

  // A fresh lesson's settings: the lecture's 1-D two-mode mixture, linear schedule, T = 1000.
  static LikelihoodSettings defaults();

  // The edited settings (what the pages use unless a learned model locks them).
  const LikelihoodSettings& settings() const { return m_settings; }
  // Parses a SPEC of 1-D or 2-D components; on success an undoable change (true), otherwise
  // nothing changes and *error says why.
  bool setMixtureSpec(const QString& spec, QString* error = nullptr);
  void applyPreset(const LikelihoodPreset& preset);
  void setScheduleKind(ScheduleKind kind);
  void setSteps(int steps);
  // Everything at once, as one undo step named `text` (opening a lesson file).
  void setSettings(const LikelihoodSettings& settings, const QString& text) { edit(settings, text); }

  // Learned mode: the model's mixture and schedule replace the edited ones until switched off.
  // `mixture` is the one the model was trained on (DenoiserBox::mixture()).
  void setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture);
  std::shared_ptr<const LearnedModel> learned() const { return m_learned; }
  bool isLocked() const { return m_learned != nullptr; }

  // What the pages work from (the learned model's data and schedule while it is chosen); its
  // generation increases with every change.
  const LikelihoodSetup& setup() const { return m_setup; }

  QUndoStack* undoStack() const { return m_undo; }

 Q_SIGNALS:
  // The setup changed (an edit, undo/redo, the denoiser choice, a new snapshot of the learned
  // model): the controls re-read settings(), the lesson hands setup() to the pages.
  void changed();

 private:
  friend class SetLikelihoodCommand;
  void apply(const LikelihoodSettings& settings);
  void edit(const LikelihoodSettings& after, const QString& text);
  void rebuildSetup();

  LikelihoodSettings m_settings;
  std::shared_ptr<const LearnedModel> m_learned;
  GaussianMixture m_learnedMixture;
  LikelihoodSetup m_setup;
  QUndoStack* m_undo = nullptr;
};

}  // namespace ds::ui
