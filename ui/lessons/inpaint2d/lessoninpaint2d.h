#pragma once
// The Inpaint 2-D lesson (issue 10, "2-D: inpainting where the truth is known"): observe one
// coordinate of a 2-D Gaussian mixture (x₂ = c, set by dragging a line over the plane) and fill in
// the other with replace, RePaint and a conditioned model; each method's histogram is drawn over the
// exact conditional q(x₁ | x₂ = c), with its KS distance, next to its particle paths. The lecture
// (13:04–13:45): replacing the known part with a noised copy "works okay but can lead to
// artifacts"; a model conditioned on the clear context does better.
//
// Edits go into the Inpaint2DDocument; each change starts a job on the lesson's JobTracker
// (inpaint2djobs.h) with the document's request and the compute context's device; the views draw
// the shared, immutable result and scrubbing only indexes its recorded paths.

#include "ui/lesson.h"

#include <memory>
#include <vector>

class QAction;

namespace ds::ui {

class ConditionalPanel;
class Inpaint2DControls;
class Inpaint2DDocument;
class Inpaint2DPlane;
class ScrubAntialiasing;
struct Inpaint2DResult;

class LessonInpaint2D : public Lesson {
  Q_OBJECT

 public:
  explicit LessonInpaint2D(ComputeContext* context, QWidget* parent = nullptr);
  ~LessonInpaint2D() override;

  QString id() const override { return QStringLiteral("inpaint2d"); }
  QString title() const override { return tr("Inpaint 2-D"); }
  NoiseSchedule schedule() const override;
  int timestep() const override;
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  // The final samples of every method shown: method,x,y (the observed coordinate equals c).
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;

  Inpaint2DDocument* document() const { return m_doc; }
  // Starts a job from the document (superseding a running one); while the lesson is hidden it
  // only notes that its result is out of date and computes when shown.
  void regenerate();
  bool hasResult() const { return m_result != nullptr; }
  quint64 resultGeneration() const { return m_generation; }
  std::shared_ptr<const Inpaint2DResult> result() const { return m_result; }

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildViews(QWidget* controls);
  void buildActions();
  void applyResult(std::shared_ptr<const Inpaint2DResult> result);
  void showFailure(const QString& message);
  void showStatus();

  Inpaint2DDocument* m_doc = nullptr;
  Inpaint2DControls* m_controls = nullptr;
  Inpaint2DPlane* m_plane = nullptr;
  std::vector<ConditionalPanel*> m_panels;  // kInpaintMethods order
  ScrubAntialiasing* m_scrub = nullptr;
  QList<QAction*> m_actions;

  std::shared_ptr<const Inpaint2DResult> m_result;
  QString m_resultSampler;
  int m_t = 0;
  quint64 m_generation = 0;
  bool m_pending = false;
};

}  // namespace ds::ui
