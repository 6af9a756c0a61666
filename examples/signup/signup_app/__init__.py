"""A signup flow that sends a welcome email through Amazon SES and reacts to bounces and complaints."""
