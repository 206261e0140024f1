#pragma once
// The Likelihood lesson's "Image bits/dim" page (issue 11): how many bits per pixel the bundled
// Fashion-MNIST U-Net needs for real test images, by the variational bound and by the
// probability-flow ODE — the number the lecture's density-benchmark tables report. The page
// ignores the lesson's mixture setup; it works on the bundled image model and the test split.
//
// Controls (the lesson's control column): how many test images and of which class, the seed, the
// VLB (K sampled t per image) and/or the ODE (adaptive tolerance or Heun steps, Hutchinson probes).
// Nothing is computed until Compute: the job (imagebpdjobs.h) runs on the page's own JobTracker,
// batch by batch, and the page redraws the running means as batches finish; Cancel keeps the
// finished images. Results: mean ± standard error per method, every image as a dot, the VLB's
// terms against the ODE's mean, and the easiest and hardest images with their bits/dim.

#include "ui/lessons/likelihood/imagebpdjobs.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/widgets/plotstyle.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class BpdStripPlot;
class BpdTermsPlot;
class ComputeContext;
class ImageGridView;
class JobTracker;

class ImageBpdPage : public LikelihoodPanel {
  Q_OBJECT

 public:
  explicit ImageBpdPage(ComputeContext* context, QWidget* parent = nullptr);
  ~ImageBpdPage() override;

  QString pageId() const override { return QStringLiteral("images"); }
  QString title() const override { return tr("Image bits/dim"); }
  QString shortTitle() const override { return tr("Images"); }
  QWidget* controls() override;
  void setSetup(const LikelihoodSetup& setup) override;  // not used: the page works on the image model
  void setActive(bool active) override;
  void setTimestep(int t) override;  // not used: bits/dim integrates over every t
  void setPresentationMode(bool on) override;
  // image_index (in the test split), label, method (vlb or ode), bits_per_dim: one row per image and method.
  bool exportCsv(const QString& path, QString* error) const override;
  QJsonObject saveState() const override;
  bool applyState(const QJsonObject& state, QString* error) override;
  bool isBusy() const override;

  // Where the model and the test images come from: the bundled model and Debian's folder unless
  // set (another U-Net of 28×28 grayscale images, another folder with the t10k IDX files).
  void setModelName(const QString& nameOrPath);
  void setDataFolder(const QString& folder);

  // The request the controls describe (the model and data folder as set above).
  ImageBpdRequest request() const;
  // Starts the job with the controls' settings (the Compute button); a running job is replaced.
  void compute();
  void cancel();

  JobTracker* jobTracker() const { return m_tracker; }
  // What the page shows: the finished job's result, or the finished batches of a running or cancelled one.
  std::shared_ptr<const ImageBpdResult> result() const { return m_shown; }
  BpdStripPlot* stripPlot() const { return m_strip; }
  BpdTermsPlot* termsPlot() const { return m_terms; }
  ImageGridView* easiestGrid() const { return m_easiest; }
  ImageGridView* hardestGrid() const { return m_hardest; }

 private:
  void buildControls();
  void buildViews();
  void updateEnabled();
  void onProgress(quint64 id, qint64 step, qint64 total);
  void showResult(std::shared_ptr<const ImageBpdResult> result);
  void showSummary();
  void showThumbnails();
  void showError(const QString& message);

  ComputeContext* m_context;
  JobTracker* m_tracker;
  QString m_modelName = QStringLiteral("fashion-mnist");
  QString m_dataFolder = QStringLiteral("fashion-mnist");
  std::shared_ptr<const ImageBpdInputs> m_inputs;  // the loaded model and test set, reused by the next job
  std::shared_ptr<ImageBpdPartial> m_partial;      // the running job's finished batches
  quint64 m_jobId = 0;
  std::shared_ptr<const ImageBpdResult> m_shown;
  bool m_active = false;
  PlotStyle m_style;

  QWidget* m_controls = nullptr;
  QSpinBox* m_count = nullptr;
  QComboBox* m_class = nullptr;
  QSpinBox* m_seed = nullptr;
  QGroupBox* m_vlbBox = nullptr;
  QSpinBox* m_sampledT = nullptr;
  QGroupBox* m_odeBox = nullptr;
  QComboBox* m_solver = nullptr;
  QComboBox* m_tolerance = nullptr;
  QSpinBox* m_heunSteps = nullptr;
  QSpinBox* m_probes = nullptr;

  QPushButton* m_compute = nullptr;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_summary = nullptr;
  QLabel* m_status = nullptr;
  BpdStripPlot* m_strip = nullptr;
  BpdTermsPlot* m_terms = nullptr;
  ImageGridView* m_easiest = nullptr;
  ImageGridView* m_hardest = nullptr;
};

}  // namespace ds::ui
