global using Microsoft.EntityFrameworkCore;
global using CountySkills.Web.Data;
global using CountySkills.Web.Domain;
global using CountySkills.Web.Infrastructure;
global using CountySkills.Web.Infrastructure.Auth;
