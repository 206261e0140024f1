#pragma once
// The 2-D lesson: particles of a 2-D Gaussian mixture diffusing into N(0, I) and sampled back by
// DDPM or DDIM; the exact density q(x_t), the score (or −ε) field, a few particle paths, and the
// exact reverse posterior around any clicked x_t.
//
// The page wires the pieces: edits go into the Mixture2DDocument; its changes start jobs on the
// lesson's JobTracker (mixture2djobs.h) with a snapshot of it and the compute context's device;
// the views draw the shared, immutable Mixture2DResult and scrubbing only indexes it.

#include "ui/lesson.h"

#include <memory>
#include <vector>

class QAction;

namespace ds::ui {

class Mixture2DControls;
class Mixture2DDocument;
class PlaneView;
class PosteriorView2D;
class ScrubAntialiasing;
struct Mixture2DResult;

class Lesson2D : public Lesson {
  Q_OBJECT

 public:
  explicit Lesson2D(ComputeContext* context, QWidget* parent = nullptr);
  ~Lesson2D() override;

  QString id() const override { return QStringLiteral("2d"); }
  QString title() const override { return tr("2-D mixture"); }
  NoiseSchedule schedule() const override;
  int timestep() const override;
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;

  Mixture2DDocument* document() const { return m_doc; }
  // Starts a new chain job from the document (supersedes a running one); while the lesson is
  // hidden it only notes that its result is out of date and computes when shown.
  void regenerate();

  static QString defaultSpec();  // the first preset
  QString mixtureSpec() const;   // of the mixture in use
  bool hasResult() const;
  quint64 resultGeneration() const;
  int shownTimestep() const;              // the recorded t the particles come from
  std::vector<double> particles() const;  // interleaved x, y at the shown t
  // The shown reverse chain ran with the learned ε_θ.
  bool showsLearned() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildViews(QWidget* controls);
  void buildActions();
  void connectDocument();
  void showViewOptions();
  // New chains (a newer snapshot of the learned model) or a new posterior probe: run now, or once a
  // running chain job has delivered (it is never superseded for these).
  void requestChains();
  void requestPosterior();
  void schedulePending();
  void submitPending();
  // The posterior for the document's probe over the shown chains: the shown t's slice first
  // (milliseconds), then the whole table for scrubbing.
  void submitPosterior(bool sliceOnly);
  void applyResult(std::shared_ptr<const Mixture2DResult> result);
  void showFailure(const QString& message);
  void showStatus();
  void showDirection();

  Mixture2DDocument* m_doc = nullptr;
  Mixture2DControls* m_controls = nullptr;
  PlaneView* m_plane = nullptr;
  PosteriorView2D* m_posterior = nullptr;
  ScrubAntialiasing* m_scrub = nullptr;
  QAction* m_fieldAction = nullptr;
  QList<QAction*> m_actions;

  std::shared_ptr<const Mixture2DResult> m_result;
  QString m_resultSampler;  // e.g. "DDIM-50", of the shown result
  Direction m_direction = Direction::Forward;
  int m_t = 0;
  quint64 m_generation = 0;
  bool m_chainsRunning = false;  // the newest job is a chain job
  bool m_chainsPending = false;
  bool m_slicePending = false;
  bool m_tablePending = false;
};

}  // namespace ds::ui
