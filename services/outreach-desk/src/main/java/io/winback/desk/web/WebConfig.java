package io.winback.desk.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The pages' language (German or English, switchable with ?lang=) and the zone times are shown in. */
@Configuration
public class WebConfig implements WebMvcConfigurer {

  /** The bean name the DispatcherServlet looks for; replaces Spring Boot's Accept-Language-only resolver. */
  @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  LocaleResolver localeResolver() {
    return new DeskLocales();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    // The customer's page speaks the customer's language and sets no cookie: no switch there.
    registry.addInterceptor(change).excludePathPatterns("/p/**");
  }

  /** Due dates and meeting times are shown and entered in this zone (the desk's office). */
  @Bean
  DeskClock deskClock(java.time.Clock clock, io.winback.desk.DeskProperties properties) {
    return new DeskClock(clock, properties.displayZone());
  }
}
