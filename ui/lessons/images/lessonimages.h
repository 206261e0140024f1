#pragma once
// The Images lesson: the lecture's central pictures on real data.
//   Forward (timeline direction q): Fashion-MNIST test images dissolving into noise, x_t reached
//   by t single steps beside q(x_t | x_0) in one jump, the noise added so far, and the pixel
//   histogram of x_t against N(0, 1).
//   Reverse (direction p): a grid of class-conditional samples from the bundled U-Net (no
//   guidance, classifier-free or classifier guidance; DDPM or DDIM), x_t beside the predicted x̂_0
//   at the scrubbed t; optionally a second setting from the same seed and x_T beside it; a strip
//   with the whole trajectory of the clicked sample.
// Two JobTrackers: sampling (slow; the status bar shows its progress and Cancel) and the forward
// chain (fast), so choosing new pictures never cancels a sampling run. Views only index results.

#include "ui/lesson.h"

#include <memory>

class QStackedWidget;

namespace ds {
struct ImageForwardResult;
struct ImageModels;
struct ImageSampleResult;
struct ImageSet;
}  // namespace ds

namespace ds::ui {

class ImageGridView;
class ImagesControls;
class ImagesDocument;
class PixelHistogramView;

class LessonImages : public Lesson {
  Q_OBJECT

 public:
  explicit LessonImages(ComputeContext* context, QWidget* parent = nullptr);
  ~LessonImages() override;

  QString id() const override { return QStringLiteral("images"); }
  QString title() const override { return tr("Images"); }
  NoiseSchedule schedule() const override;
  int timestep() const override { return m_t; }
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  // The shown images' pixels as CSV: one row per image (image, label, t, then the H·W pixels in
  // [−1, 1], row-major).
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override { return m_actions; }
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;

  ImagesDocument* document() const { return m_doc; }
  ImagesControls* controls() const { return m_controls; }
  JobTracker* forwardTracker() const { return m_forwardTracker; }
  std::shared_ptr<const ImageForwardResult> forwardResult() const { return m_forward; }
  std::shared_ptr<const ImageSampleResult> sampleResult() const { return m_samples; }
  ImageGridView* forwardGrid() const { return m_forwardGrid; }
  ImageGridView* samplesGrid(int run) const;  // x_t of run 0 (A) or 1 (B)
  ImageGridView* x0Grid(int run) const;       // x̂_0 of run 0 or 1
  ImageGridView* trajectoryStrip() const { return m_strip; }
  PixelHistogramView* histogram() const { return m_histogram; }

  // Runs the reverse chain with the document's settings now (the Sample button).
  void sampleNow();
  // Saves the shown samples (x̂_0 grids, or x_t in the forward view) as one PNG contact sheet.
  bool saveGridPng(const QString& path, QString* error) const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildViews(QWidget* controls);
  void buildActions();
  void submitForward();
  void requestSampling();
  void applyForward();
  void applySamples();
  void showForward();
  void showReverse();
  void showStrip();
  void showModelInfo();
  void showFailure(const QString& what, const QString& message);
  bool reverseShown() const { return m_direction == Direction::Reverse; }

  ImagesDocument* m_doc;
  ImagesControls* m_controls = nullptr;
  JobTracker* m_forwardTracker;
  QStackedWidget* m_pages = nullptr;
  ImageGridView* m_forwardGrid = nullptr;
  PixelHistogramView* m_histogram = nullptr;
  ImageGridView* m_grid[2] = {nullptr, nullptr};
  ImageGridView* m_x0[2] = {nullptr, nullptr};
  ImageGridView* m_strip = nullptr;
  QList<QAction*> m_actions;

  std::shared_ptr<const ImageSet> m_testSet;
  std::shared_ptr<const ImageForwardResult> m_forward;
  std::shared_ptr<const ImageModels> m_models;
  std::shared_ptr<const ImageSampleResult> m_samples;
  Direction m_direction = Direction::Forward;
  int m_t = 0;
  bool m_forwardPending = true;
  bool m_samplingPending = true;
  bool m_presentation = false;
};

}  // namespace ds::ui
