package org.cordon.account.web;

import org.cordon.account.CordonUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in page and the start page, which follows the role to the page where that role's day begins. */
@Controller
class HomeController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CordonUser user) {
        if (user == null) {
            return "redirect:/login";
        }
        return "redirect:" + switch (user.role()) {
            case COMMANDER -> "/dashboard";
            case GRID_WORKER, MEDIC -> "/observation";
            case WORKING_GROUP -> "/command";
            case VOLUNTEER_COORDINATOR -> "/mobilization";
            case SUPPLIES_CLERK -> "/supplies";
            case OFFICER, ADMIN -> "/checkpoints";
        };
    }
}
