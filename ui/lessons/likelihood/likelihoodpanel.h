#pragma once
// One page of the Likelihood & score lesson (issue 11). The lesson keeps the choices every page
// works from (LikelihoodSetup: the data, the schedule, the denoiser) in its document and shows one
// page at a time in a tab bar; each page brings its own plots, its own controls (shown in the
// lesson's control column under the shared groups while the page is current) and its own
// JobTracker(s), so a long job of one page (steps against quality, image bits/dim) is not
// superseded by another page's work. A page computes only while it is shown (setActive), and
// recomputes on show when its inputs changed while it was hidden.

#include "core/gmm.h"
#include "core/schedule.h"

#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <memory>

namespace ds {
class Denoiser;
}

namespace ds::ui {

class ComputeContext;

// What every page works from. `learned` is null for the exact mixture denoiser; otherwise it is the
// Train lesson's network (ModelStore, through the DenoiserBox), trained in data coordinates on
// `mixture` (DenoiserBox only offers such models), and `denoiserLabel` names it.
struct LikelihoodSetup {
  GaussianMixture mixture;  // 1-D or 2-D
  ScheduleSpec schedule;
  std::shared_ptr<const Denoiser> learned;
  QString denoiserLabel;   // "exact E[ε | x_t]" or the model's one-line description
  quint64 generation = 0;  // increases with every change of the setup (lets a page skip equal inputs)
  int dim() const { return mixture.dim(); }
};

class LikelihoodPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LikelihoodPanel(QWidget* parent = nullptr) : QWidget(parent) {}

  virtual QString pageId() const = 0;  // "vlb", "point", "score", "steps", "images": lesson files, --page
  virtual QString title() const = 0;   // the page's full title (tr()): the tab's tooltip, its controls' group
  // The tab's text (tr()): short, so all five tabs fit a 1024×768 window in presentation mode.
  virtual QString shortTitle() const = 0;
  // The page's own settings for the lesson's control column (owned by the page; the lesson reparents
  // it into a stacked widget). May return null when the page has no settings.
  virtual QWidget* controls() = 0;

  // The lesson-wide inputs changed (also called once before the first show).
  virtual void setSetup(const LikelihoodSetup& setup) = 0;
  // The page is current and visible (true) or not; a page starts jobs only while active.
  virtual void setActive(bool active) = 0;
  // The timeline's t (0..T of the setup's schedule); must be instant (indexes cached results).
  virtual void setTimestep(int t) = 0;
  virtual void setPresentationMode(bool on) = 0;
  // File → Export CSV for this page; false with *error when there is nothing to export or writing failed.
  virtual bool exportCsv(const QString& path, QString* error) const = 0;
  // The page's settings in a lesson file ("pages": {pageId: {...}}); applyState checks everything
  // first and changes nothing on error (*error names the field).
  virtual QJsonObject saveState() const = 0;
  virtual bool applyState(const QJsonObject& state, QString* error) = 0;
  // True while one of the page's jobs runs (tests wait on this).
  virtual bool isBusy() const = 0;

 Q_SIGNALS:
  void statusMessage(const QString& text);  // shown briefly in the status bar
};

}  // namespace ds::ui
