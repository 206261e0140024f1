#pragma once
// A lesson is one page of the main window (1-D, 2-D; later Images, Inpaint, Train, Likelihood).
// The main window owns the timeline and forwards its state here; a lesson renders from cached
// results (computed by jobs on its own JobTracker), so setTimestep() must be instant.

#include "core/schedule.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QAction;

namespace ds::ui {

class ComputeContext;
class JobTracker;

enum class Direction { Forward, Reverse };  // q (noising, t: 0 → T) or p (denoising, t: T → 0)

// A lesson's work as it is now, copied on the GUI thread for an autosave (ui/autosave.h).
struct AutosaveSnapshot {
  QStringList items;  // what it holds, in words, for the restore offer: "412 drawn points"
  // Writes the copy into `folder` (which exists) with atomic file writes and removes the files it
  // no longer has. Runs on a worker thread, so it may only use what it captured; throws
  // std::exception with a message that names the file on failure.
  std::function<void(const QString& folder)> write;
  bool isEmpty() const { return items.isEmpty() || !write; }
};

class Lesson : public QWidget {
  Q_OBJECT

 public:
  // `context` chooses the device of the lesson's jobs (it outlives the lesson). The lesson's
  // JobTracker is created here; a lesson may own more trackers for jobs that must not supersede
  // each other (e.g. a training run and the previews drawn from it).
  explicit Lesson(ComputeContext* context, QWidget* parent = nullptr);

  // The tracker whose progress the status bar shows (with a Cancel button) while the lesson is open.
  JobTracker* jobTracker() const { return m_tracker; }

  virtual QString id() const = 0;     // "1d", "2d", …: used by --lesson and QSettings
  virtual QString title() const = 0;  // shown in the lesson switcher
  // The schedule currently in use; the timeline shows β_t, ᾱ_t and SNR from it.
  virtual NoiseSchedule schedule() const = 0;

  virtual int timestep() const = 0;
  // 0..T. Must be instant: it only indexes cached trajectories and repaints.
  virtual void setTimestep(int t) = 0;
  virtual void setDirection(Direction direction) = 0;
  // Bigger fonts, plot lines and markers for a projected screen.
  virtual void setPresentationMode(bool on) = 0;
  // Writes the current particles (at the current t) as CSV; false with *error set on failure.
  virtual bool exportParticlesCsv(const QString& path, QString* error) const = 0;
  // Extra actions for the lesson's menu (may be empty).
  virtual QList<QAction*> lessonActions() { return {}; }

  // ---- Lesson files (ui/lessonfile.h, docs/lesson-files.md)
  // The lesson's own settings (data, schedule, seed, sampler, view options) as the "state" object
  // of a .dslesson file; t, direction, caption and hidden controls are the main window's.
  virtual QJsonObject saveState() const { return {}; }
  // Checks every field of `state` first (types, ranges, unknown keys; absent keys take the
  // lesson's defaults) and only then applies it; false with *error (a sentence naming the field)
  // and nothing changed when any check fails. The lesson recomputes as after a user's edit.
  virtual bool applyState(const QJsonObject& state, QString* error);

  // ---- Work that survives a crash (ui/autosave.h) and a close (MainWindow::closeEvent).
  // A copy of the work worth keeping (drawn points, a painted mask, an unsaved model); empty when
  // there is none, and then an earlier autosave of this lesson is removed.
  virtual AutosaveSnapshot autosaveSnapshot() const { return {}; }
  // Puts back what a snapshot wrote into `folder`; false with *error (a sentence) when it could not.
  virtual bool restoreAutosave(const QString& folder, QString* error);
  // Work that lives only in memory and that closing the window loses (a model trained but not
  // saved), as a sentence for the close prompt; empty when there is none.
  virtual QString unsavedWork() const { return {}; }
  // Asks where to save that work and saves it; false when the user cancelled or saving failed.
  virtual bool saveUnsavedWork() { return true; }

 Q_SIGNALS:
  void scheduleChanged();                   // T or β changed: the timeline re-reads schedule()
  void statusMessage(const QString& text);  // shown briefly in the status bar
  // A long-running job of the lesson's own that goes on while other lessons are shown (training),
  // as one line for the status bar; empty when it ends.
  void backgroundStatus(const QString& text);
  // The lesson moved the timestep itself (e.g. a freshly sampled chain starts at T).
  void timestepRequested(int t);
  // The work autosaveSnapshot() copies changed; `now`: write it at once (a job ended, a save),
  // else with the next periodic autosave.
  void autosaveNeeded(bool now);

 protected:
  // Read device() when submitting a job and hand it to the job by value.
  ComputeContext* computeContext() const { return m_context; }
  JobTracker* tracker() const { return m_tracker; }

 private:
  ComputeContext* m_context = nullptr;
  JobTracker* m_tracker;  // a child QObject: cancelled and joined when the lesson is destroyed
};

// Creates every lesson, in switcher order (ui/lessons/registry.cpp).
std::vector<Lesson*> createLessons(ComputeContext* context, QWidget* parent);

}  // namespace ds::ui
