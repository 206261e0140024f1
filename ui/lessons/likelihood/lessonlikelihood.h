#pragma once
// The Likelihood & score lesson (issue 11): how a diffusion model assigns a likelihood, and what
// its score is. The lecture: training maximises a variational lower bound on log p_θ(x₀), a sum of
// KL terms, one per step, that L_simple reweights; the probability-flow ODE gives the exact
// likelihood; the learned ε is a scaled score, ∇ log q(x_t) = −ε/√(1−ᾱ_t), which Langevin dynamics
// can sample with. One page per view (likelihoodpanel.h, pages.cpp) in a tab bar: the VLB per t,
// a point's NLL three ways and its ODE path, score and Langevin, steps against quality, and image
// bits/dim.
//
// The shared set-up (data, schedule, denoiser) lives in the LikelihoodDocument; every change of it
// reaches every page (setSetup), and only the page on screen computes (setActive). Each page owns
// its jobs; the lesson's own JobTracker stays idle.

#include "ui/lesson.h"

#include <vector>

class QAction;
class QTabWidget;

namespace ds::ui {

class LikelihoodControls;
class LikelihoodDocument;
class LikelihoodPanel;

class LessonLikelihood : public Lesson {
  Q_OBJECT

 public:
  explicit LessonLikelihood(ComputeContext* context, QWidget* parent = nullptr);
  ~LessonLikelihood() override;

  QString id() const override { return QStringLiteral("likelihood"); }
  QString title() const override { return tr("Likelihood & score"); }
  NoiseSchedule schedule() const override;
  int timestep() const override { return m_t; }
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  // The current page's CSV (LikelihoodPanel::exportCsv).
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override { return m_actions; }
  // The set-up, "page" (the current page's id) and "pages" ({id: page state}); lessonlikelihoodstate.cpp.
  QJsonObject saveState() const override;
  bool applyState(const QJsonObject& state, QString* error) override;

  LikelihoodDocument* document() const { return m_doc; }
  const std::vector<LikelihoodPanel*>& pages() const { return m_pages; }
  LikelihoodPanel* currentPage() const;
  LikelihoodPanel* page(const QString& pageId) const;
  // Makes the page with this id current; false for an unknown id.
  bool setCurrentPage(const QString& pageId);
  // True while a job of any page runs (tests wait on this).
  bool isBusy() const;

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void buildActions();
  void setupChanged();
  // Activates the current page (only while the lesson is shown) and deactivates the others.
  void updateActive();

  LikelihoodDocument* m_doc = nullptr;
  LikelihoodControls* m_controls = nullptr;
  QTabWidget* m_tabs = nullptr;
  std::vector<LikelihoodPanel*> m_pages;
  QList<QAction*> m_actions;
  int m_t = 0;
  bool m_shown = false;
};

}  // namespace ds::ui
