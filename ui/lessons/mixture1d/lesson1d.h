#pragma once
// The 1-D lesson: the lecture's bimodal mixture diffused to N(0, 1) and denoised back.
// Panels: the mixture and process controls; the exact q(x_t) over (t, x) with particle
// trajectories; a histogram of the particles at t against q(x_t); and the posterior panel
// (small steps give unimodal, ≈ Gaussian reverse posteriors, big jumps multimodal ones).
//
// The page wires the pieces: edits go into the Mixture1DDocument; its changes start jobs on the
// lesson's JobTracker (mixture1djobs.h) with a snapshot of it and the compute context's device;
// the views draw the shared, immutable Mixture1DResult and scrubbing only indexes it.

#include "ui/lesson.h"

#include <memory>
#include <vector>

class QSplitter;

namespace ds::ui {

class DensityView;
class HistogramView;
class Mixture1DControls;
class Mixture1DDocument;
class PosteriorPanel;
class ScrubAntialiasing;
struct Mixture1DResult;

class Lesson1D : public Lesson {
  Q_OBJECT

 public:
  explicit Lesson1D(ComputeContext* context, QWidget* parent = nullptr);
  ~Lesson1D() override;

  QString id() const override { return QStringLiteral("1d"); }
  QString title() const override { return tr("1-D mixture"); }
  NoiseSchedule schedule() const override;
  int timestep() const override;
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;

  Mixture1DDocument* document() const { return m_doc; }
  // Starts a new forward + reverse chain job from the document (supersedes a running one); while
  // the lesson is hidden it only notes that its result is out of date and computes when shown.
  void regenerate();

  bool hasResult() const;
  quint64 resultGeneration() const;  // increments each time a new result is shown
  Direction direction() const;
  // Particle positions at the current t (of the current direction).
  std::vector<double> particles() const;
  // The shown reverse chain ran with the learned ε_θ.
  bool showsLearned() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildViews();
  void buildActions();
  void connectDocument();
  // New chains (a newer snapshot of the learned model) or a new posterior probe: run now, or once a
  // running chain job has delivered (it is never superseded for these).
  void requestChains();
  void requestPosterior();
  void schedulePending();
  void submitPending();
  // The posterior for the document's probe over the shown chains: the shown t's slice first
  // (milliseconds), then the whole table for scrubbing.
  void submitPosterior(bool sliceOnly);
  void applyResult(std::shared_ptr<const Mixture1DResult> result);
  void showFailure(const QString& message);
  void showStatus();

  Mixture1DDocument* m_doc = nullptr;
  Mixture1DControls* m_controls = nullptr;
  DensityView* m_density = nullptr;
  HistogramView* m_histogram = nullptr;
  PosteriorPanel* m_posterior = nullptr;
  QSplitter* m_rows = nullptr;  // heatmap above, histogram and posterior panel below
  ScrubAntialiasing* m_scrub = nullptr;
  QList<QAction*> m_actions;

  std::shared_ptr<const Mixture1DResult> m_result;
  Direction m_direction = Direction::Forward;
  int m_t = 0;
  quint64 m_generation = 0;
  bool m_chainsRunning = false;  // the newest job is a chain job
  bool m_chainsPending = false;
  bool m_slicePending = false;
  bool m_tablePending = false;
  bool m_presentation = false;
};

}  // namespace ds::ui
