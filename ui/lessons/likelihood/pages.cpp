// The pages of the Likelihood & score lesson, in tab order: one include and one line per page.

#include "ui/lessons/likelihood/pages.h"

#include "ui/lessons/likelihood/likelihoodpanel.h"

namespace ds::ui {

std::vector<LikelihoodPanel*> createLikelihoodPages(ComputeContext* context, QWidget* parent) {
  (void)context;
  (void)parent;
  std::vector<LikelihoodPanel*> pages;
  return pages;
}

}  // namespace ds::ui
