#pragma once
// 2-D lesson, right panel: the exact reverse posterior q(x_{t-k} | x_t) around a clicked x_t, as a
// heatmap on a local grid that follows the posterior (it zooms in for k = 1, where the posterior
// is a small round Gaussian, and out for big jumps, where it splits into several blobs).

#include "ui/lessons/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPTextElement;
class QLabel;
class QSpinBox;

namespace ds {
class GaussianMixture;
class NoiseSchedule;
}  // namespace ds

namespace ds::ui {

class PosteriorView2D : public QWidget {
  Q_OBJECT

 public:
  explicit PosteriorView2D(QWidget* parent = nullptr);
  ~PosteriorView2D() override;

  void setModel(const GaussianMixture& data, const NoiseSchedule& schedule);
  void setTimestep(int t);
  void setXt(double x, double y);
  void setJump(int k);
  void setStyle(const PlotStyle& style);
  // ε_θ(x, t) of a learned model at the point (x, y) for t = 1..T ([T][2], row t−1), or null: for
  // k = 1 the view then draws the learned model's Gaussian step next to the perfect model's.
  void setLearnedEps(std::shared_ptr<const std::vector<float>> table, double x, double y);

  bool hasXt() const { return m_hasXt; }
  double xtX() const { return m_x; }
  double xtY() const { return m_y; }
  int jump() const;
  // Local maxima of the heatmap above 2% of its peak (8-neighbourhood).
  int modes() const { return m_modes; }
  QString caption() const;
  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* map() const { return m_map; }
  QSpinBox* jumpSpin() const { return m_jump; }
  // 2σ circles of the Gaussian steps N(μ, β̃ₜ I) (empty unless k = 1, t ≥ 2; learned: also a model).
  QCPCurve* perfectStepCurve() const { return m_perfectStep; }
  QCPCurve* learnedStepCurve() const { return m_learnedStep; }
  // Distance between the learned and the perfect step means in units of the step's σ = √β̃ₜ
  // (NaN when not shown).
  double learnedStepError() const { return m_learnedError; }

  static constexpr int kGrid = 72;

 private:
  void recompute();
  void restyle();

  struct Model;
  std::unique_ptr<Model> m_model;
  int m_t = 0;
  bool m_hasXt = false;
  double m_x = 0, m_y = 0;
  int m_modes = 0;
  double m_cx = 0, m_cy = 0, m_half = 1;  // the shown square
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPColorMap* m_map = nullptr;
  QCPCurve* m_marker = nullptr;
  QCPCurve* m_perfectStep = nullptr;
  QCPCurve* m_learnedStep = nullptr;
  std::shared_ptr<const std::vector<float>> m_learnedEps;
  double m_learnedX = 0, m_learnedY = 0;
  double m_learnedError = 0;
  QSpinBox* m_jump = nullptr;
  QLabel* m_caption = nullptr;
};

}  // namespace ds::ui
