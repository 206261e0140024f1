#pragma once
// A lesson is one page of the main window (1-D, 2-D; later Images, Inpaint, Train, Likelihood).
// The main window owns the timeline and forwards its state here; a lesson renders from cached
// results (trajectories computed on the JobRunner), so setTimestep() must be instant.

#include "core/schedule.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;

namespace ds::ui {

class JobRunner;

enum class Direction { Forward, Reverse };  // q (noising, t: 0 → T) or p (denoising, t: T → 0)

class Lesson : public QWidget {
  Q_OBJECT

 public:
  Lesson(JobRunner* runner, QWidget* parent = nullptr) : QWidget(parent), m_runner(runner) {}

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

 Q_SIGNALS:
  void scheduleChanged();                     // T or β changed: the timeline re-reads schedule()
  void statusMessage(const QString& text);    // shown briefly in the status bar
  // A long-running job of the lesson's own that goes on while other lessons are shown (training),
  // as one line for the status bar; empty when it ends.
  void backgroundStatus(const QString& text);
  // The lesson moved the timestep itself (e.g. a freshly sampled chain starts at T).
  void timestepRequested(int t);

 protected:
  JobRunner* runner() const { return m_runner; }

 private:
  JobRunner* m_runner;
};

// Creates every lesson, in switcher order (ui/lessons/registry.cpp).
std::vector<Lesson*> createLessons(JobRunner* runner, QWidget* parent);

}  // namespace ds::ui
