#pragma once
// The lecture's posterior panel (1-D): given an observed x_t, where did the chain come from?
// Plots the exact reverse posterior q(x_{t-k} | x_t), the forward likelihood q(x_t | x_{t-k}) as a
// function of x_{t-k}, the prior q(x_{t-k}) and, for k = 1, the Gaussian reverse step a perfect
// model takes. A small step gives a unimodal, nearly Gaussian posterior; a big jump does not.

#include "ui/lessons/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;
class QSlider;

namespace ds {
class GaussianMixture;
class NoiseSchedule;
}  // namespace ds

namespace ds::ui {

class PosteriorPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PosteriorPanel(QWidget* parent = nullptr);
  ~PosteriorPanel() override;

  // The data mixture and schedule of the shown result, and the plotting range.
  void setModel(const GaussianMixture& data, const NoiseSchedule& schedule, double xMin, double xMax);
  void setTimestep(int t);
  void setXt(double xt);
  void setJump(int k);
  void setStyle(const PlotStyle& style);
  // ε_θ of a learned model at the point x for t = 1..T (row t−1), or null: for k = 1 the panel
  // then also plots the learned model's Gaussian step N(μ_θ, β̃ₜ) next to the perfect model's.
  void setLearnedEps(std::shared_ptr<const std::vector<float>> table, double x);

  double xt() const;
  int jump() const;
  int timestep() const { return m_t; }
  QString caption() const;
  QCustomPlot* plot() const { return m_plot; }
  QCPGraph* posteriorGraph() const { return m_posterior; }
  QCPGraph* likelihoodGraph() const { return m_likelihood; }
  QCPGraph* priorGraph() const { return m_prior; }
  QCPGraph* modelStepGraph() const { return m_modelStep; }
  QCPGraph* learnedStepGraph() const { return m_learnedStep; }
  // |μ_θ − μ_perfect| / √β̃ₜ at the shown x_t and t (NaN when the learned step is not shown).
  double learnedStepError() const { return m_learnedError; }
  QSlider* jumpSlider() const { return m_jump; }
  QDoubleSpinBox* xtSpin() const { return m_xt; }
  // Local maxima of the plotted exact posterior above 1% of its peak.
  int posteriorModes() const;

 signals:
  void xtChanged(double xt);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void recompute();
  void restyle();

  struct Model;
  std::unique_ptr<Model> m_model;
  int m_t = 0;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPGraph* m_posterior = nullptr;
  QCPGraph* m_likelihood = nullptr;
  QCPGraph* m_prior = nullptr;
  QCPGraph* m_modelStep = nullptr;
  QCPGraph* m_learnedStep = nullptr;
  std::shared_ptr<const std::vector<float>> m_learnedEps;
  double m_learnedX = 0;
  double m_learnedError = 0;
  QCPItemStraightLine* m_marker = nullptr;
  QCPItemText* m_markerLabel = nullptr;
  QDoubleSpinBox* m_xt = nullptr;
  QSlider* m_jump = nullptr;
  QLabel* m_jumpLabel = nullptr;
  QLabel* m_caption = nullptr;
};

}  // namespace ds::ui
